/** {@code keel pipelines apply|list|run|runs|show|cancel}: the workflow manager from the command line. */
package dev.keel.cli.pipelines;
