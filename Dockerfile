# The CES image: the WAR on Open Liberty, built the way the Open Liberty container guides do.
# Build it where a container engine runs (there is none on the project's development machine):
#   docker build -t registry.example.com/ces/ces:0.1.0 .
# Both stages download from the internet: Maven Central for the build, and features.sh for Liberty's features.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
RUN mvn -B -ntp -DskipTests package

FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi
COPY --chown=1001:0 src/main/liberty/config/server.xml src/main/liberty/config/jvm.options /config/
# Installs exactly the features server.xml lists.
RUN features.sh
COPY --chown=1001:0 --from=build /build/target/ces.war /config/apps/ces.war
# configure.sh starts the server once to fill the class cache, and that start writes a self-signed keystore
# protected by the build's default password. Remove it: each replica then uses the key.p12 mounted from the
# ces-tls Secret, or generates its own with CES_KEYSTORE_PASSWORD. The folder stays, writable by the server.
RUN configure.sh \
    && rm -rf /output/resources/security \
    && mkdir -p /output/resources/security \
    && chmod -R g+rwx /output/resources
USER 1001
# HTTP, HTTPS, and the Hazelcast member that shares session state between replicas.
EXPOSE 9080 9443 5701
