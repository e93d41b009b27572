package org.fovea.center.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The center's image store: an Orthanc (on its PostgreSQL plugin in production), reached by its
 * REST API on the center's private network. Every instance of the center uses the same one (or
 * Orthancs sharing one database), so an image stored through one instance is seen by all.
 */
public final class OrthancStore {

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param user empty when Orthanc asks for no credentials */
    public OrthancStore(String url, String user, String password) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user == null || user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores one DICOM object; returns Orthanc's id for it (the same when it held it already).
     *
     * @throws IOException saying why Orthanc did not take it
     */
    public String store(byte[] dicom) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("instances")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/dicom").POST(HttpRequest.BodyPublishers.ofByteArray(dicom));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException stale) {
            // Orthanc closes idle kept-alive connections; the client may have picked one just as it
            // did ("header parser received no bytes"). Storing is idempotent (the same instance is
            // AlreadyStored): once more, on a new connection
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the image store was storing", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the image store was storing", e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("the image store answered " + r.statusCode() + ": " + r.body().strip());
        }
        JsonNode node = json.readTree(r.body());
        String id = node.path("ID").asText("");
        if (id.isEmpty()) {
            throw new IOException("the image store did not say where it stored the image: " + r.body().strip());
        }
        return id;
    }

    /** The DICOM object Orthanc holds under an id (what it stores, byte for byte). */
    public byte[] file(String orthancId) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("instances/" + orthancId + "/file"))
                .timeout(Duration.ofMinutes(2)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("the image store answered " + r.statusCode() + " for " + orthancId);
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from the image store", e);
        }
    }

    /** One attribute of a stored instance, e.g. {@code 0020,000e}, as text (empty when absent). */
    public String tag(String orthancId, String tag) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("instances/" + orthancId + "/content/" + tag))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().replace("\0", "").strip() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from the image store", e);
        }
    }

    /**
     * The DICOM object under an id de-identified by Orthanc (PS3.15 basic profile, private tags
     * removed), with the attributes in {@code replace} set as given (pseudonyms, pseudonymous UIDs).
     */
    public byte[] anonymized(String orthancId, java.util.Map<String, String> replace) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
        body.set("Replace", json.valueToTree(replace));
        body.put("Force", true);
        body.put("KeepPrivateTags", false);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("instances/" + orthancId + "/anonymize"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("the image store could not de-identify " + orthancId + " (" + r.statusCode()
                        + "): " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).strip());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from the image store", e);
        }
    }
}
