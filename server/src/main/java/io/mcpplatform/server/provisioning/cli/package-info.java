/**
 * The command line of onboarding: {@code provision} and {@code doctor}, argument parsing, the admin's Graph sign-in
 * (token file or msal4j device code) and the operator's secret file. Must not take secrets as arguments or print
 * them; one-line errors, exit codes 0/1/2.
 */
package io.mcpplatform.server.provisioning.cli;
