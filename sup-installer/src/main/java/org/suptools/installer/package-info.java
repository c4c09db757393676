/**
 * The gateway installer: verifies a package, plans and executes its actions transactionally.
 * Filled by the installer issue; for now the module only reserves its place in the build.
 */
package org.suptools.installer;
