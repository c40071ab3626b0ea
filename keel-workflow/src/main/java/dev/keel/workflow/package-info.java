/** The workflow manager: pipeline specs (a DAG of typed steps), durable pipeline and step runs in the metadata store, triggers. Step types are executed through an SPI the server implements, so this module needs no other Keel component. */
package dev.keel.workflow;
