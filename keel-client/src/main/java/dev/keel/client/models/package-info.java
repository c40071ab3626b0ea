/** Client of {@code /api/v1/models}: registered models, versions, aliases, history and rollback. */
package dev.keel.client.models;
