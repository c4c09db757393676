/** What the HTTP servers of the agent and the portal share: bounded time for every client. */
package org.suptools.tr50.http;
