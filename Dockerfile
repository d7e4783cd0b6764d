# syntax=docker/dockerfile:1
# Lodestar image: Maven build stage, jlink-ed Java runtime, slim non-root runtime stage.
# Build: docker build -t lodestar .
# Run:   docker run -p 8053:8053/udp -p 8053:8053/tcp -p 8123:8123 -v $PWD/config.json:/etc/lodestar/config.json lodestar
# Port 53 inside the container: set "port": 53 in config.json and run with --cap-add=NET_BIND_SERVICE
# (the binary runs as an unprivileged user); or map host port 53 to 8053 with -p 53:8053/udp -p 53:8053/tcp.

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
RUN groupadd --system lodestar && useradd --system --gid lodestar --home /nonexistent --shell /usr/sbin/nologin lodestar \
    && mkdir -p /etc/lodestar && chown lodestar:lodestar /etc/lodestar
COPY --from=jre /opt/jre /opt/jre
COPY --from=build /src/server/target/lodestar.jar /opt/lodestar/lodestar.jar
ENV PATH=/opt/jre/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:+UseG1GC -Xms256m -Xmx256m -XX:MaxGCPauseMillis=5"
USER lodestar
EXPOSE 8053/udp 8053/tcp 8123/tcp
WORKDIR /etc/lodestar
ENTRYPOINT ["java", "-jar", "/opt/lodestar/lodestar.jar"]
CMD ["-config", "/etc/lodestar/config.json"]
