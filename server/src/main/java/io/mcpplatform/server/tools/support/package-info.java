/**
 * What every tool pack shares: argument checks that name the offending argument ({@link
 * io.mcpplatform.server.tools.support.Arguments}) and result builders. Must not know any particular pack or service.
 */
package io.mcpplatform.server.tools.support;
