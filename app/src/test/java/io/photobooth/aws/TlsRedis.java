package io.photobooth.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.photobooth.local.LocalPorts;

import redis.embedded.RedisServer;

/**
 * The embedded Redis binary as a managed Redis is run: TLS only for clients (a self-signed
 * certificate for 127.0.0.1, made by the JDK's keytool) and AUTH as an ACL user, the default user
 * disabled. Its plain port, which the embedded server needs, refuses every command too.
 */
final class TlsRedis implements AutoCloseable {

    static final String USER = "photobooth";
    static final String PASSWORD = "redis-acl-password-of-the-test";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private final RedisServer server;
    private final int tlsPort = LocalPorts.freePort();
    private final Path certificate;

    TlsRedis(Path dir) {
        try {
            Files.createDirectories(dir);
            certificate = dir.resolve("redis-cert.pem");
            Path key = dir.resolve("redis-key.pem");
            selfSignedCertificate(dir.resolve("redis.p12"), certificate, key);
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(LocalPorts.freePort())
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly no")
                    .setting("tls-port " + tlsPort)
                    .setting("tls-cert-file " + certificate.toAbsolutePath())
                    .setting("tls-key-file " + key.toAbsolutePath())
                    .setting("tls-ca-cert-file " + certificate.toAbsolutePath())
                    .setting("tls-auth-clients no")
                    .setting("user default off")
                    .setting("user " + USER + " on >" + PASSWORD + " ~* &* +@all")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis with TLS did not start", e);
        }
    }

    int tlsPort() {
        return tlsPort;
    }

    /** The PEM certificate a client must trust. */
    Path certificate() {
        return certificate;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }

    private static void selfSignedCertificate(Path keyStore, Path certificate, Path key) throws IOException {
        Files.deleteIfExists(keyStore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "redis", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, STORE_PASSWORD);
            }
            Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("redis").getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", store.getKey("redis", STORE_PASSWORD).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("the keytool's key store did not load", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
