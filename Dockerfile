# syntax=docker/dockerfile:1
# Lodestar image: Maven build stage, jlink-ed Java runtime, slim non-root runtime stage.
#
#   docker build -t lodestar .
#   docker run -p 8053:8053/udp -p 8053:8053/tcp -p 8123:8123 \
#       -v "$PWD/config.json:/etc/lodestar/config.json:ro" lodestar
#
# The image's default config (/etc/lodestar/config.json, from docs/examples/docker-config.json) listens on 8053
# (DNS) and 8123 (HTTP); mount your own over it. Port 53 inside the container: set "port": 53 in the config and run
# with --cap-add=NET_BIND_SERVICE (Lodestar runs as an unprivileged user), or publish -p 53:8053/udp -p 53:8053/tcp.
# JVM flags: JAVA_TOOL_OPTIONS (the JVM reads it); the defaults below are the launcher's (docs/performance.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY core/pom.xml core/
COPY server/pom.xml server/
COPY bench/pom.xml bench/
RUN mvn -B -q -pl server -am dependency:go-offline
COPY core/src core/src
COPY server/src server/src
COPY docs/examples docs/examples
RUN mvn -B -q -pl server -am -DskipTests package

FROM eclipse-temurin:17-jdk AS jre
RUN jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.crypto.ec,jdk.unsupported,jdk.management,java.xml \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/jre

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system lodestar \
    && useradd --system --gid lodestar --home-dir /nonexistent --shell /usr/sbin/nologin lodestar \
    && mkdir -p /etc/lodestar
COPY --from=jre /opt/jre /opt/jre
COPY --from=build /src/server/target/lodestar.jar /opt/lodestar/lodestar.jar
COPY docs/examples/docker-config.json /etc/lodestar/config.json
ENV PATH=/opt/jre/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=5000 -XX:ShenandoahGuaranteedGCInterval=10000 -Xms64m -Xmx384m -XX:SoftMaxHeapSize=256m -XX:CompileThresholdScaling=4 -XX:+ExitOnOutOfMemoryError" \
    LODESTAR_HTTP_PORT=8123
USER lodestar
WORKDIR /etc/lodestar
EXPOSE 8053/udp 8053/tcp 8123/tcp
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${LODESTAR_HTTP_PORT}/health" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/lodestar/lodestar.jar"]
CMD ["-config", "/etc/lodestar/config.json"]
