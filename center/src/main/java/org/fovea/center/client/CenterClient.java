package org.fovea.center.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.CenterRequest;
import org.fovea.center.HeldImage;
import org.fovea.center.NewRequest;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A hospital workstation's side of the center's API: log in, open requests, send their images by
 * STOW-RS (each part with the SHA-256 of its bytes, so the center stores only what arrived whole),
 * ask what the center holds. Over HTTPS only, trusting the center's certificate as configured.
 * Not thread-safe for {@link #logIn}; the other calls may run on several threads.
 */
public final class CenterClient {

    /** What the center did with one image sent. */
    public record Sent(String sopInstanceUid, boolean stored, String failure) {
    }

    private final URI base;
    private final HttpClient http;
    private final String workstation;
    private final ObjectMapper json = org.fovea.center.CenterJson.mapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private volatile String token;
    private volatile String login;
    private volatile char[] password;

    /**
     * @param base        the center, e.g. {@code https://center.example.org:8443}
     * @param tls         trusts the center's certificate
     * @param workstation this workstation's name, in the center's trace
     */
    public CenterClient(URI base, SSLContext tls, String workstation) {
        if (!"https".equals(base.getScheme())) {
            throw new IllegalArgumentException(base + ": the center is reached over HTTPS only");
        }
        this.base = base;
        this.workstation = workstation;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(15)).build();
    }

    /**
     * Keeps a user's login and password to open a session when one is needed: on the first call,
     * and again after the center said the session ended (a background sender outlives sessions,
     * and the center may be away when it starts).
     */
    public CenterClient withCredentials(String user, char[] secret) {
        this.login = user;
        this.password = secret.clone();
        return this;
    }

    /** Opens a session with a user's login and password; later calls use it. */
    public void logIn(String login, char[] password) throws CenterException {
        String basic = Base64.getEncoder().encodeToString((login + ":" + new String(password))
                .getBytes(StandardCharsets.UTF_8));
        JsonNode session = call(HttpRequest.newBuilder(base.resolve("/api/sessions"))
                .header("Authorization", "Basic " + basic).header("X-Fovea-Workstation", workstation)
                .POST(HttpRequest.BodyPublishers.noBody()), JsonNode.class);
        token = session.get("token").asText();
        role = session.path("role").asText("");
    }

    private volatile String role = "";

    /** The account's role at the center (DOCTOR, EXPERT, …), once logged in; empty before. */
    public String role() {
        return role;
    }

    /** Opens a request, or finds the one opened before with the same client request id. */
    public CenterRequest create(NewRequest r) throws CenterException {
        try {
            return call(authorized("/api/requests").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(r))), CenterRequest.class);
        } catch (IOException e) {
            throw new CenterException(0, "the request cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public CenterRequest request(UUID id) throws CenterException {
        return call(authorized("/api/requests/" + id).GET(), CenterRequest.class);
    }

    public List<CenterRequest> requests() throws CenterException {
        return call(authorized("/api/requests").GET(), new TypeReference<List<CenterRequest>>() { });
    }

    /** An expert takes a request waiting in their group's queue. */
    public CenterRequest claim(UUID request) throws CenterException {
        return action(request, "claim", null);
    }

    /** The assigned expert gives a request back to the group's queue. */
    public CenterRequest release(UUID request, String reason) throws CenterException {
        return action(request, "release", java.util.Map.of("reason", reason == null ? "" : reason));
    }

    /** A coordinator assigns or reassigns a request to an expert. */
    public CenterRequest assign(UUID request, String expertLogin) throws CenterException {
        return action(request, "assign", java.util.Map.of("expert", expertLogin));
    }

    /** A coordinator, or the requesting hospital before the report, cancels a request. */
    public CenterRequest cancel(UUID request, String reason) throws CenterException {
        return action(request, "cancel", java.util.Map.of("reason", reason));
    }

    /** The request's expert or a coordinator returns it to the hospital, with the reason. */
    public CenterRequest giveBack(UUID request, String reason) throws CenterException {
        return action(request, "return", java.util.Map.of("reason", reason));
    }

    /** The request's expert or a coordinator asks the hospital for more images (追加摄片), saying which. */
    public CenterRequest askForImages(UUID request, String reason) throws CenterException {
        return action(request, "ask-images", java.util.Map.of("reason", reason));
    }

    /** The hospital announces the request's new total of images (the extra ones included). */
    public CenterRequest announce(UUID request, int total) throws CenterException {
        return action(request, "announce", java.util.Map.of("images", total));
    }

    private CenterRequest action(UUID request, String what, Object body) throws CenterException {
        try {
            HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            return call(authorized("/api/requests/" + request + "/" + what).header("Content-Type", "application/json")
                    .POST(p), CenterRequest.class);
        } catch (IOException e) {
            throw new CenterException(0, "the body cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The same patient's earlier requests from the same hospital, newest first. */
    public List<CenterRequest> priors(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/priors").GET(), new TypeReference<List<CenterRequest>>() { });
    }

    /** A request's trace, oldest first. */
    public List<org.fovea.center.RequestEvent> events(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/events").GET(),
                new TypeReference<List<org.fovea.center.RequestEvent>>() { });
    }

    /** The critical values an expert found on a request, with their acknowledgements. */
    public List<org.fovea.center.RemoteCritical> criticals(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/criticals").GET(),
                new TypeReference<List<org.fovea.center.RemoteCritical>>() { });
    }

    /** The hospital sends its own report of the study for the expert to review (D1). */
    public CenterRequest sendLocalReport(UUID request, org.fovea.center.LocalReport report) throws CenterException {
        return post("/api/requests/" + request + "/local-report", report, CenterRequest.class);
    }

    /** The hospital's doctor completes or corrects the request's patient (D6). */
    public CenterRequest completePatient(UUID request, org.fovea.center.PatientUpdate update) throws CenterException {
        return post("/api/requests/" + request + "/patient", update, CenterRequest.class);
    }

    /** The requesting hospital's doctor acknowledges a critical value with the read-back. */
    public org.fovea.center.RemoteCritical acknowledgeCritical(UUID request, long alertId, String readBack)
            throws CenterException {
        return post("/api/requests/" + request + "/criticals/" + alertId + "/acknowledge",
                java.util.Map.of("readBack", readBack), org.fovea.center.RemoteCritical.class);
    }

    /** The request's expert (or a coordinator) forwards it to another expert group with a question (D4). */
    public org.fovea.center.Consultation consult(UUID request, String group, String question) throws CenterException {
        return post("/api/requests/" + request + "/consultations", java.util.Map.of("group", group, "question",
                question), org.fovea.center.Consultation.class);
    }

    /** A request's consultations, each with its thread of opinions. */
    public List<org.fovea.center.Consultation> consultations(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/consultations").GET(),
                new TypeReference<List<org.fovea.center.Consultation>>() { });
    }

    /** Adds an opinion to a consultation (an expert of the group asked, or the asker). */
    public org.fovea.center.Consultation opinion(UUID request, long consultation, String text) throws CenterException {
        return post("/api/requests/" + request + "/consultations/" + consultation + "/opinions",
                java.util.Map.of("text", text), org.fovea.center.Consultation.class);
    }

    /** Closes a consultation (its asker or a coordinator). */
    public org.fovea.center.Consultation closeConsultation(UUID request, long consultation) throws CenterException {
        return post("/api/requests/" + request + "/consultations/" + consultation + "/close", java.util.Map.of(),
                org.fovea.center.Consultation.class);
    }

    /** A research account's list of reported studies, de-identified (X3). */
    public List<org.fovea.center.ResearchStudy> researchStudies() throws CenterException {
        return call(authorized("/api/research/studies").GET(),
                new TypeReference<List<org.fovea.center.ResearchStudy>>() { });
    }

    /** The pseudonymous SOP Instance UIDs of a research study's images. */
    public List<String> researchInstances(String study) throws CenterException {
        return call(authorized("/api/research/studies/" + study + "/instances").GET(),
                new TypeReference<List<String>>() { });
    }

    /** One image of a research study, de-identified (DICOM). */
    public byte[] researchInstance(String study, String instance) throws CenterException {
        try {
            HttpResponse<byte[]> r = http.send(authorized("/api/research/studies/" + study + "/instances/" + instance)
                    .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw refused(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new CenterException(0, "the center at " + base + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CenterException(0, "interrupted while waiting for the center", e);
        }
    }

    private <T> T post(String path, Object body, Class<T> type) throws CenterException {
        try {
            return call(authorized(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), type);
        } catch (IOException e) {
            throw new CenterException(0, "the body cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The latest signed report of a request, with its signatures (404 while there is none). */
    public org.fovea.center.ReturnedReport report(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/report").GET(), org.fovea.center.ReturnedReport.class);
    }

    /**
     * Listens to what happens to the requests this account may see (server-sent events), giving
     * each event to {@code each} as it comes, from after event {@code since} (0: from now). Returns
     * when the center ends the stream or {@link #stopListening} is called; throws when it cannot
     * be reached or refuses.
     */
    public void listen(long since, java.util.function.Consumer<org.fovea.center.FeedEvent> each) throws CenterException {
        HttpRequest.Builder b = authorized("/api/events").header("Accept", "text/event-stream");
        if (since > 0) {
            b.header("Last-Event-ID", String.valueOf(since));
        }
        HttpResponse<java.io.InputStream> r;
        try {
            r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new CenterException(0, "the center at " + base + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CenterException(0, "interrupted while waiting for the center", e);
        }
        java.io.InputStream in = r.body();
        try (in; java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                StandardCharsets.UTF_8))) {
            if (r.statusCode() != 200) {
                throw refused(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            feed = in;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        each.accept(json.readValue(data.toString(), org.fovea.center.FeedEvent.class));
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
        } catch (IOException e) {
            if (feed != in) {
                return;                         // stopListening closed it
            }
            throw new CenterException(0, "the center's event stream broke: " + e.getMessage(), e);
        } finally {
            feed = null;
        }
    }

    private volatile java.io.InputStream feed;

    /** Ends a {@link #listen} in progress (it returns). */
    public void stopListening() {
        java.io.InputStream in = feed;
        feed = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // it is closed either way
            }
        }
    }

    /** The images the center holds for a request, with their SHA-256: what a consistency check compares. */
    public List<HeldImage> held(UUID request) throws CenterException {
        return call(authorized("/api/requests/" + request + "/images").GET(), new TypeReference<List<HeldImage>>() { });
    }

    /**
     * Sends DICOM files into a request in one STOW-RS call, each part with its SHA-256; returns
     * what became of each (refusals with the center's reason). Throws only when the call as a
     * whole is refused or no answer came.
     */
    public List<Sent> send(UUID request, List<Path> files) throws CenterException, IOException {
        String boundary = "fovea-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\nDigest: sha-256="
                    + Base64.getEncoder().encodeToString(sha256(bytes)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(bytes);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(request, body.toByteArray(), boundary);
    }

    /** A STOW-RS body already made (tests damage one on its way). */
    List<Sent> send(UUID request, byte[] body, String boundary) throws CenterException {
        HttpResponse<String> r = exchange(authorized("/api/requests/" + request + "/studies")
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (r.statusCode() != 200 && r.statusCode() != 202 && r.statusCode() != 409) {
            throw refused(r);
        }
        try {
            JsonNode root = json.readTree(r.body());
            if (root.has("error")) {
                throw new CenterException(r.statusCode(), root.get("error").asText(), null);
            }
            List<Sent> out = new ArrayList<>();
            for (JsonNode item : root.path("00081199").path("Value")) {
                out.add(new Sent(item.path("00081155").path("Value").path(0).asText(), true, ""));
            }
            for (JsonNode item : root.path("00081198").path("Value")) {
                out.add(new Sent(item.path("00081155").path("Value").path(0).asText(""), false,
                        item.path("00091011").path("Value").path(0).asText("refused")));
            }
            return out;
        } catch (IOException e) {
            throw new CenterException(r.statusCode(), "the center's answer is not DICOM JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The hex SHA-256 of a file, as the center lists it. */
    public static String sha256Hex(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
    }

    private HttpRequest.Builder authorized(String path) throws CenterException {
        if (token == null && login != null) {
            logIn(login, password);
        }
        if (token == null) {
            throw new CenterException(401, "not logged in to the center", null);
        }
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private <T> T call(HttpRequest.Builder b, Class<T> type) throws CenterException {
        return call(b, json.getTypeFactory().constructType(type));
    }

    private <T> T call(HttpRequest.Builder b, TypeReference<T> type) throws CenterException {
        return call(b, json.getTypeFactory().constructType(type));
    }

    private <T> T call(HttpRequest.Builder b, com.fasterxml.jackson.databind.JavaType type) throws CenterException {
        HttpResponse<String> r = exchange(b);
        if (r.statusCode() / 100 != 2) {
            throw refused(r);
        }
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new CenterException(r.statusCode(), "the center's answer cannot be read: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder b) throws CenterException {
        try {
            return http.send(b.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CenterException(0, "the center at " + base + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CenterException(0, "interrupted while waiting for the center", e);
        }
    }

    private CenterException refused(HttpResponse<String> r) {
        return refused(r.statusCode(), r.body());
    }

    private CenterException refused(int status, String body) {
        if (status == 401 && login != null) {
            token = null;                       // the next call logs in again
        }
        String reason;
        try {
            reason = json.readTree(body).path("error").asText(body);
        } catch (IOException e) {
            reason = body;
        }
        return new CenterException(status, "the center refused (" + status + "): " + reason, null);
    }
}
