/** Small building blocks every process module shares: typed variable names, case references, input errors, who owns a case. */
package org.trustedresearch.cases.shared;
