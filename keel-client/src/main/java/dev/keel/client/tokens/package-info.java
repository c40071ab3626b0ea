/** Client of the token endpoints: create (secret shown once), list, revoke. */
package dev.keel.client.tokens;
