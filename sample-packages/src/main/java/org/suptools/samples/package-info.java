/**
 * Sample packages and the sample gateway runtime. Filled by the installer and samples issues.
 */
package org.suptools.samples;
