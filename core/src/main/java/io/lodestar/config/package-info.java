/**
 * Reads {@code config.json} (Mesos-DNS keys plus Lodestar's own) into an immutable, validated {@link
 * io.lodestar.config.Config}, failing with one {@link io.lodestar.config.ConfigException} line that names the key.
 *
 * <p>Nothing in this package returns or accepts {@code null} unless a method says so.
 */
package io.lodestar.config;
