/** Getting the cluster state into records: hostname resolution and local addresses for the record builder. */
package io.lodestar.server.state;
