/**
 * The sample gateway runtime: a small long-running program with a pid file, properties read at
 * start and an HTTP health check, controlled by {@code runtime-ctl}; and {@link
 * org.suptools.samples.runtime.RuntimeHomeLayout}, which lays out runtime homes and firmware
 * archives for the sandbox and for tests. Nothing here depends on anything but the JDK, except the
 * firmware archive writer (Commons Compress).
 */
package org.suptools.samples.runtime;
