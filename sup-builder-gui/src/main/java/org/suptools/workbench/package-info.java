/**
 * The Workbench, the JavaFX desktop editor for packages. Filled by the Workbench issue.
 */
package org.suptools.workbench;
