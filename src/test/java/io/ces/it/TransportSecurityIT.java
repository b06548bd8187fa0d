package io.ces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * HTTPS and wss:// on replica A with Liberty's generated development certificate, HSTS on HTTPS responses only,
 * and the Origin check at the WebSocket upgrade (cross-site WebSocket hijacking).
 */
class TransportSecurityIT {

    private static final int HTTPS_PORT = Integer.getInteger("ces.https.port", 19443);
    /** The development keystore's password (server.xml ces.keystore.password). */
    private static final char[] DEV_KEYSTORE_PASSWORD = "ces-dev-keystore".toCharArray();
    private static final KeyStore REPLICA_A_KEYSTORE = loadReplicaAKeystore();
    /** The name the generated certificate was issued to (this machine's), so hostname verification stays on. */
    private static final String TLS_HOST = certifiedLoopbackName();
    private static final String HTTPS = "https://" + TLS_HOST + ":" + HTTPS_PORT;
    private static final HttpClient TRUSTING_A = HttpClient.newBuilder().sslContext(trustReplicaA())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aWssConnectionWithTheDevelopmentCertificateIsWelcomed() {
        try (WsClient client = WsClient.connect(TRUSTING_A, "wss://" + TLS_HOST + ":" + HTTPS_PORT + "/ws",
                TestTokens.user(Rooms.unique("tls"), "cr_*"))) {
            assertEquals("welcome", client.welcome().getString("type"));
        }
    }

    @Test
    void httpsResponsesCarryStrictTransportSecurityAndPlainHttpOnesDoNot() throws Exception {
        HttpResponse<String> secure = TRUSTING_A.send(HttpRequest.newBuilder(URI.create(HTTPS + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode());
        assertEquals("max-age=31536000", secure.headers().firstValue("Strict-Transport-Security").orElse(null));

        HttpResponse<String> plain = Gateway.send(Gateway.request("/"));
        assertEquals(200, plain.statusCode());
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(),
                "HSTS means nothing over plain HTTP and is not sent there");
    }

    @Test
    void anUpgradeFromAForeignOriginIsRefusedWith403Problem() throws IOException {
        RawHttp.Answer refused = upgrade("https://evil.example", TestTokens.user(Rooms.unique("victim"), "cr_*"));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(String.valueOf(refused.header("content-type")).startsWith("application/problem+json"),
                refused.toString());
        JsonObject problem = Json.createReader(new StringReader(refused.body())).readObject();
        assertEquals(403, problem.getInt("status"));
        assertEquals("https://ces.io/problems/origin-not-allowed", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("https://evil.example"), problem.toString());
    }

    @Test
    void anUpgradeFromTheSameOriginIsAccepted() throws IOException {
        RawHttp.Answer accepted = upgrade("http://localhost:" + Gateway.HTTP_PORT, TestTokens.user(Rooms.unique("demo")));
        assertEquals(101, accepted.status(), accepted.toString());
    }

    @Test
    void anUpgradeFromAListedOriginIsAccepted() throws IOException {
        // pom.xml: liberty.var.ces.websocket.allowed-origins
        RawHttp.Answer accepted = upgrade("https://allowed.ces.test", TestTokens.user(Rooms.unique("app")));
        assertEquals(101, accepted.status(), accepted.toString());
    }

    @Test
    void anotherPortOfTheSameHostIsAnotherOrigin() throws IOException {
        RawHttp.Answer refused = upgrade("http://localhost:" + Gateway.HTTP_PORT_B, TestTokens.user(Rooms.unique("b")));
        assertEquals(403, refused.status(), refused.toString());
    }

    private static KeyStore loadReplicaAKeystore() {
        Path keystore = Path.of(System.getProperty("ces.liberty.dir", "target/liberty/wlp"),
                "usr/servers/ces-a/resources/security/key.p12");
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore generated = KeyStore.getInstance("PKCS12");
            generated.load(in, DEV_KEYSTORE_PASSWORD);
            return generated;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development keystore " + keystore, e);
        }
    }

    /** Trusts the certificates Liberty generated into replica A's default keystore on its first start. */
    private static SSLContext trustReplicaA() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : Collections.list(REPLICA_A_KEYSTORE.aliases())) {
                Certificate[] chain = REPLICA_A_KEYSTORE.getCertificateChain(alias);
                Certificate[] certificates = chain != null ? chain
                        : new Certificate[] {REPLICA_A_KEYSTORE.getCertificate(alias)};
                for (int i = 0; i < certificates.length; i++) {
                    if (certificates[i] != null) {
                        trusted.setCertificateEntry(alias + "-" + i, certificates[i]);
                    }
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the development keystore", e);
        }
    }

    /** A DNS name of the server certificate (SAN, else CN) that reaches this machine; localhost if none does. */
    private static String certifiedLoopbackName() {
        try {
            for (String alias : Collections.list(REPLICA_A_KEYSTORE.aliases())) {
                if (!REPLICA_A_KEYSTORE.isKeyEntry(alias)) {
                    continue;
                }
                X509Certificate leaf = (X509Certificate) REPLICA_A_KEYSTORE.getCertificate(alias);
                java.util.List<String> names = new java.util.ArrayList<>();
                if (leaf.getSubjectAlternativeNames() != null) {
                    for (java.util.List<?> name : leaf.getSubjectAlternativeNames()) {
                        if (Integer.valueOf(2).equals(name.get(0))) {
                            names.add(name.get(1).toString());
                        }
                    }
                }
                for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(
                        leaf.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString());
                    }
                }
                if (names.contains("localhost")) {
                    return "localhost";
                }
                for (String name : names) {
                    if (InetAddress.getByName(name).isLoopbackAddress()) {
                        return name;
                    }
                }
            }
        } catch (Exception unusable) {
            // fall through: the test then fails on the certificate, which says more than failing here
        }
        return "localhost";
    }

    /** A WebSocket upgrade as a browser on {@code origin} sends it, with the token in its cookie. */
    private static RawHttp.Answer upgrade(String origin, String token) throws IOException {
        return RawHttp.upgradeWith("127.0.0.1", Gateway.HTTP_PORT, "/ws",
                "Origin: " + origin + "\r\nCookie: ces_token=" + token + "\r\n");
    }
}
