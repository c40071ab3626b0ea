/** The model metrics store: labelled time series with retention and downsampling, drift scores against a reference distribution, alert rules and their webhook notifications. */
package dev.keel.monitor;
