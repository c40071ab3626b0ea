/** Health and readiness probes, the version endpoint and the OpenAPI document. */
package dev.keel.server.system;
