/**
 * The institution's directory: departments, the product's groups and who heads what. The demo
 * profile seeds the demo users; elsewhere the identity service holds the real directory.
 */
package org.trustedresearch.cases.directory;
