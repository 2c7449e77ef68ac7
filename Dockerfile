# One image recipe for every service, from the jar that ./mvnw package makes:
#   docker build --build-arg SERVICE=registration-service .
# Layers let a rebuild reuse the dependency layers.
FROM eclipse-temurin:21-jre AS extract
ARG SERVICE
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
# Inside a container the service listens on the container network (outside it, only on 127.0.0.1 by default).
ENV DVK_BIND_HOST=0.0.0.0
RUN useradd --system --no-create-home dvk
USER dvk
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
