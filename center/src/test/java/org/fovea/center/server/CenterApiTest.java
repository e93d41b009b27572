package org.fovea.center.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.Role;
import org.fovea.center.CenterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The center's API over real HTTPS, on a real PostgreSQL, with two instances on one database (as
 * behind a load balancer): a township hospital's doctor opens a request, sending it twice as a
 * dropped link would, and sees it through either instance; another hospital's doctor is refused
 * it; wrong credentials, malformed JSON, an oversized body get their status with a reason, never
 * a 500; a name with quotes and SQL keywords is stored as typed.
 */
class CenterApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CenterFixture fixture;
    private static CenterServer one;
    private static CenterServer two;
    private static HttpClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = CenterFixture.start(dir, false, 0, 4096);
        one = fixture.center();
        two = fixture.startInstance();
        Accounts accounts = fixture.accounts();
        accounts.addHospital("CENTER", "儿童医院远程影像诊断中心", true);
        accounts.addHospital("TOWN-A", "青山镇卫生院", false);
        accounts.addHospital("TOWN-B", "白水县人民医院", false);
        accounts.addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        accounts.addAccount("TOWN-B", "doctor.b", "王医生", Role.DOCTOR, "", "doctor-b-pass".toCharArray());
        accounts.addAccount("CENTER", "coordinator", "张协调", Role.COORDINATOR, "", "coord-pass-1".toCharArray());
        accounts.addAccount("CENTER", "expert", "陈专家", Role.EXPERT, "chest", "expert-pass-1".toCharArray());
        client = HttpClient.newBuilder().sslContext(Tls.trusting(fixture.certificate))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static URI uri(CenterServer s, String path) {
        return URI.create("https://localhost:" + s.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String logIn(CenterServer s, String login, String password) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(s, "/api/sessions"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header(CenterServer.WORKSTATION_HEADER, "WS-" + login)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asText();
    }

    private static HttpResponse<String> get(CenterServer s, String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(s, path)).header("Authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> post(CenterServer s, String token, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(s, path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String request(String clientId, String patientName) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode().put("clientRequestId", clientId)
                .put("patientId", "FV0001").put("patientName", patientName).put("patientSex", "M")
                .put("studyUid", "1.2.826.0.1.3680043.10.1").put("modality", "CT").put("bodyPart", "CHEST")
                .put("clinicalHistory", "咳嗽两周").put("question", "结节性质？").put("urgency", "URGENT")
                .put("images", 300));
    }

    private static String error(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void aRequestSentTwiceIsOneRequestSeenThroughEitherInstanceAndOnlyByItsHospital() throws Exception {
        String a = logIn(one, "doctor.a", "doctor-a-pass");
        HttpResponse<String> created = post(one, a, "/api/requests", request("A-0001", "王建国"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode r = JSON.readTree(created.body());
        assertThat(r.get("state").asText()).isEqualTo("RECEIVING");
        assertThat(r.get("hospital").asText()).isEqualTo("TOWN-A");
        assertThat(r.get("patientName").asText()).isEqualTo("王建国");
        assertThat(r.get("announcedImages").asInt()).isEqualTo(300);
        String id = r.get("id").asText();

        // the link dropped before the answer: sent again, through the other instance, it is the same request
        HttpResponse<String> again = post(two, a, "/api/requests", request("A-0001", "王建国"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id").asText()).isEqualTo(id);
        HttpResponse<String> list = get(two, a, "/api/requests");
        assertThat(JSON.readTree(list.body()).findValuesAsText("id")).containsExactly(id);

        // the trace: created once, by whom, from which workstation
        JsonNode trace = JSON.readTree(get(one, a, "/api/requests/" + id + "/events").body());
        assertThat(trace).hasSize(1);
        assertThat(trace.get(0).get("what").asText()).isEqualTo("CREATED");
        assertThat(trace.get(0).get("who").asText()).isEqualTo("doctor.a");
        assertThat(trace.get(0).get("workstation").asText()).isEqualTo("WS-doctor.a");

        // another hospital's doctor: not in their list, and refused by id
        String b = logIn(two, "doctor.b", "doctor-b-pass");
        assertThat(JSON.readTree(get(one, b, "/api/requests").body())).isEmpty();
        HttpResponse<String> foreign = get(one, b, "/api/requests/" + id);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(error(foreign)).contains("another hospital");
        assertThat(get(one, b, "/api/requests/" + id + "/events").statusCode()).isEqualTo(403);
        // the center's coordinator sees it; the expert only once it is assigned to them
        assertThat(get(two, logIn(one, "coordinator", "coord-pass-1"), "/api/requests/" + id).statusCode()).isEqualTo(200);
        String expert = logIn(one, "expert", "expert-pass-1");
        assertThat(get(one, expert, "/api/requests/" + id).statusCode()).isEqualTo(403);
        assertThat(post(one, expert, "/api/requests", request("X-1", "x")).statusCode()).isEqualTo(403);
        assertThat(get(one, a, "/api/requests/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void badCredentialsBadBodiesAndOversizedOnesAreRefusedWithAReasonNeverA500() throws Exception {
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(one, "/api/sessions"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("doctor.a:nope".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong)).isEqualTo("wrong login or password");
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri(one, "/api/requests")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(get(one, "forged-token", "/api/requests").statusCode()).isEqualTo(401);

        String a = logIn(one, "doctor.a", "doctor-a-pass");
        HttpResponse<String> malformed = post(one, a, "/api/requests", "{\"clientRequestId\": \"A-2\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed)).contains("not the JSON expected");
        HttpResponse<String> unknown = post(one, a, "/api/requests", "{\"clientRequestId\": \"A-2\", \"dose\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown)).isEqualTo("unknown field \"dose\"");
        HttpResponse<String> missing = post(one, a, "/api/requests", "{\"clientRequestId\": \"A-2\", \"images\": 1}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(error(missing)).isEqualTo("\"patientId\" is missing");
        HttpResponse<String> badUid = post(one, a, "/api/requests", request("A-3", "x").replace("1.2.826", "1.2.x"));
        assertThat(badUid.statusCode()).isEqualTo(400);
        assertThat(error(badUid)).contains("not a DICOM UID");
        assertThat(get(one, a, "/api/requests/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get(one, a, "/api/requests?limit=0").statusCode()).isEqualTo(400);
        HttpResponse<String> big = post(one, a, "/api/requests", request("A-4", "x".repeat(5000)));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(error(big)).contains("at most 4096");
        HttpResponse<String> nothing = get(one, a, "/api/nothing-here");
        assertThat(nothing.statusCode()).isEqualTo(404);

        // quotes and SQL keywords are a name like any other
        String odd = "O'Brien\"; DROP TABLE requests; --";
        HttpResponse<String> stored = post(one, a, "/api/requests", request("A-5", odd));
        assertThat(stored.statusCode()).isEqualTo(201);
        String id = JSON.readTree(stored.body()).get("id").asText();
        assertThat(JSON.readTree(get(two, a, "/api/requests/" + id).body()).get("patientName").asText()).isEqualTo(odd);
    }

    @Test
    void theCenterSpeaksOnlyHttpsWithTheCertificateTheSitesTrust(@TempDir Path other) throws Exception {
        // a client that trusts another certificate does not talk to it
        Path stranger = Tls.selfSigned(other.resolve("other.p12"), "x".toCharArray(), "localhost");
        HttpClient wrongTrust = HttpClient.newBuilder().sslContext(Tls.trusting(stranger)).build();
        assertThatThrownBy(() -> wrongTrust.send(HttpRequest.newBuilder(uri(one, "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        // plain HTTP on the same port gets no API: refused, or the connection closed
        try {
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + one.port() + "/api/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isNotEqualTo(200);
            assertThat(plain.body()).doesNotContain("\"ok\"");
        } catch (IOException closed) {
            // what Jetty does with clear text on a TLS port
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteTheCenterAnswers() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(two, "/api/openapi.json")).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> described = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> answered = Set.of("GET /api/health", "GET /api/openapi.json", "POST /api/sessions", "GET /api/me",
                "GET /api/requests", "POST /api/requests", "GET /api/requests/{id}", "GET /api/requests/{id}/events",
                "GET /api/requests/{id}/priors",
                "POST /api/requests/{id}/studies", "GET /api/requests/{id}/images", "POST /api/requests/{id}/claim",
                "POST /api/requests/{id}/release", "POST /api/requests/{id}/assign", "POST /api/requests/{id}/cancel",
                "GET /api/requests/{id}/report", "GET /api/events", "POST /api/requests/{id}/return",
                "POST /api/requests/{id}/ask-images", "POST /api/requests/{id}/announce",
                "GET /api/requests/{id}/criticals", "POST /api/requests/{id}/criticals/{alert}/acknowledge",
                "GET /api/requests/{id}/consultations", "POST /api/requests/{id}/consultations",
                "POST /api/requests/{id}/consultations/{consultation}/opinions",
                "POST /api/requests/{id}/consultations/{consultation}/close", "POST /api/requests/{id}/patient",
                "GET /api/research/studies", "GET /api/research/studies/{study}/instances",
                "GET /api/research/studies/{study}/instances/{instance}", "POST /api/requests/{id}/local-report");
        assertThat(described).containsExactlyInAnyOrderElementsOf(answered);
        assertThat(one.routes()).containsExactlyInAnyOrderElementsOf(answered);
        assertThat(doc.at("/components/schemas/NewRequest/properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(org.fovea.center.NewRequest.class
                        .getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet()));
        for (Class<?> type : List.of(org.fovea.center.FeedEvent.class, org.fovea.center.ReturnedReport.class,
                org.fovea.center.CenterRequest.class, org.fovea.center.RemoteCritical.class,
                org.fovea.center.Consultation.class, org.fovea.center.PatientUpdate.class,
                org.fovea.center.ResearchStudy.class, org.fovea.center.LocalReport.class)) {
            assertThat(doc.at("/components/schemas/" + type.getSimpleName() + "/properties").fieldNames()).toIterable()
                    .as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(
                            type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList());
        }
    }

    @Test
    void aConfigurationFileIsCheckedAndItsProblemsNamed(@TempDir Path d) throws Exception {
        Path f = d.resolve("center.json");
        Files.writeString(f, "{\"jdbcUrl\": \"jdbc:h2:mem:x\", \"keyStore\": \"c.p12\"}");
        assertThatThrownBy(() -> CenterConfig.load(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("PostgreSQL");
        Files.writeString(f, "{\"jdbcUrl\": \"jdbc:postgresql://db/center\", \"keyStore\": \"c.p12\"}");
        assertThatThrownBy(() -> CenterConfig.load(f)).hasMessageContaining("c.p12 cannot be read");
        Files.writeString(f, "{\"jdbcUrl\": \"jdbc:postgresql://db/center\", \"keyStore\": \"c.p12\", \"prot\": 1}");
        assertThatThrownBy(() -> CenterConfig.load(f)).hasMessageContaining("prot");
        Tls.selfSigned(d.resolve("c.p12"), "pw".toCharArray(), "localhost");
        Files.writeString(f, "{\"jdbcUrl\": \"jdbc:postgresql://db/center\", \"keyStore\": \"c.p12\", \"port\": 8443}");
        assertThatThrownBy(() -> CenterConfig.load(f)).hasMessageContaining("orthancUrl");
        Files.writeString(f, "{\"jdbcUrl\": \"jdbc:postgresql://db/center\", \"keyStore\": \"c.p12\", \"port\": 8443, "
                + "\"orthancUrl\": \"http://127.0.0.1:8042\"}");
        assertThat(CenterConfig.load(f).keyStore()).isEqualTo(d.resolve("c.p12").toString());
    }
}
