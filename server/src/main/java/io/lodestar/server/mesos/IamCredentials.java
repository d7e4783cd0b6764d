package io.lodestar.server.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * An IAM service account ({@code IAMConfigFile}: {@code uid}, {@code private_key}, {@code login_endpoint}) and the
 * RS256 JWT it logs in with (spec 4.4). The private key may be PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}). Its {@code toString} never shows the key.
 */
record IamCredentials(String uid, PrivateKey privateKey, URI loginEndpoint) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** Reads the file the config loader already checked; the messages never quote the key. */
    static IamCredentials read(Path file) throws IOException {
        JsonNode n = MAPPER.readTree(Files.readAllBytes(file));
        String uid = field(n, "uid");
        String pem = field(n, "private_key");
        URI endpoint = URI.create(field(n, "login_endpoint"));
        try {
            return new IamCredentials(uid, privateKey(pem), endpoint);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the private_key in " + file + " is not a PEM RSA private key");
        }
    }

    /** A login JWT: header {@code {"alg":"RS256","typ":"JWT"}}, claims {@code uid} and {@code exp}. */
    String jwt(Instant expires) {
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims;
        try {
            claims = URL.encodeToString(MAPPER.writeValueAsBytes(Map.of("uid", uid, "exp", expires.getEpochSecond())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String signingInput = header + "." + claims;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the IAM login token: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "IamCredentials[uid=" + uid + ", loginEndpoint=" + loginEndpoint + "]";
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208), which the JDK reads. */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] key = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(key);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** A string field matched in any case (last wins), as the config loader reads the file. */
    private static String field(JsonNode n, String name) throws IOException {
        String value = "";
        if (n != null) {
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                if (f.getKey().equalsIgnoreCase(name) && f.getValue().isTextual()) {
                    value = f.getValue().textValue();
                }
            }
        }
        if (value.isEmpty()) {
            throw new IOException("IAM file lacks " + name);
        }
        return value;
    }
}
