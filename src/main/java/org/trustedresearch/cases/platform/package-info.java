/** The engine platform the processes run on: deploying models and forms together. */
package org.trustedresearch.cases.platform;
