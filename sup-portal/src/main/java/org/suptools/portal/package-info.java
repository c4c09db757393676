/**
 * The portal emulator: a small TR50 service that behaves like the portal on the wire, for tests, demos and
 * users who want to try campaigns without the real portal. {@code store} keeps things, Developer Files,
 * mailboxes and campaigns in a data directory that several processes share; {@code service} answers TR50
 * commands and runs campaigns; {@code files} issues single-use file ids and serves files with ranges;
 * {@code mqtt} runs the embedded broker or connects to an external one; {@code http} serves files and a
 * read-only JSON API; {@code server} puts them together for {@code serve}; {@code cli} is
 * {@code bin/sup-portal}.
 */
package org.suptools.portal;
