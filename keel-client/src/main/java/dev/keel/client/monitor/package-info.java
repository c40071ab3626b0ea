/** Client of the metrics store routes: metric range queries, drift scores, alert rules and events. */
package dev.keel.client.monitor;
