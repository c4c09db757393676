/**
 * The gateway installer: verifies a package, plans and executes its actions transactionally.
 */
package org.suptools.installer;
