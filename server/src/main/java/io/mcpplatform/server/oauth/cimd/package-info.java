/**
 * SSRF-safe fetching of client-ID metadata documents: https only, every resolved address vetted and pinned, no redirects, bounded size and time, cached.
 * Returns raw JSON bytes only: it must not parse or trust the document (that is the clients package's job).
 */
package io.mcpplatform.server.oauth.cimd;
