/**
 * The idempotent provisioning steps: each looks its object up by a stable key (unique name, app id, credential name,
 * (client, resource) of a grant, group nickname), creates it when missing and changes only what differs, so a second
 * run writes nothing and an interrupted run resumes. Must not keep local state or print secrets.
 */
package io.mcpplatform.server.provisioning.steps;
