/**
 * Microsoft Graph v1.0 over REST (Helidon WebClient + Jackson): the five calls the graph tools make, with paging,
 * throttling ({@code Retry-After}), one token refresh on 401 and bounded timeouts. REST rather than the Graph SDK:
 * the SDK is a 63 MB jar plus OkHttp and Kotlin for five calls, and hides the retry and timeout rules we must control.
 * Must not know tenants, users or OBO: it gets a base URL and a token source; never logs or reports a token.
 */
package io.mcpplatform.server.graph;
