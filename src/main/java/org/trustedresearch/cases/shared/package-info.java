/** Small building blocks every process module shares: typed variable names, input errors. */
package org.trustedresearch.cases.shared;
