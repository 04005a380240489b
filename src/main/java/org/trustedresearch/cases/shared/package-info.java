/** Small building blocks every process module shares: typed variable names, case references, input errors and conflicts, who owns a case. */
package org.trustedresearch.cases.shared;
