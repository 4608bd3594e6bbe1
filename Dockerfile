# syntax=docker/dockerfile:1.7
# One image recipe for every service; the build argument SERVICE picks the Maven module:
#   docker build --build-arg SERVICE=gateway-service -t switchboard/gateway-service .
# Stages: build (Maven, the module and what it depends on) -> layers (Spring Boot's jarmode tools split the fat jar
# into dependency, loader, snapshot and application layers, so a code change rebuilds only the last, small layer)
# -> runtime (JRE only, non-root, read-only friendly: the only writable path it needs is /tmp).
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble

FROM ${JDK_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<module>, e.g. gateway-service" >&2; exit 1)
# the Maven repository is a build cache, not a layer: dependencies download once per machine
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -pl "${SERVICE}" -am package -DskipTests \
    && cp "${SERVICE}/target/${SERVICE}.jar" /app.jar

FROM ${JDK_IMAGE} AS layers
WORKDIR /layers
COPY --from=build /app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="switchboard ${SERVICE}" \
      org.opencontainers.image.source="https://github.com/switchboard/switchboard"
# a fixed non-root uid/gid, so Kubernetes' runAsNonRoot can verify it and volumes can be owned by it
RUN groupadd --system --gid 10001 switchboard \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin switchboard
WORKDIR /app
# least to most often changed: each layer is reused while what it holds is unchanged
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
ENV SERVICE=${SERVICE} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    DJL_CACHE_DIR=/tmp/djl \
    LOG_FORMAT=json
# the port differs per service (SERVER_PORT, 8080-8086; the gateway's actuator on MANAGEMENT_PORT, 8090); compose and
# the chart publish the right one
EXPOSE 8080-8086 8090
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
