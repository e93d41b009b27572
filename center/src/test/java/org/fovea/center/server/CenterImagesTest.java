package org.fovea.center.server;

import org.fovea.center.CenterRequest;
import org.fovea.center.HeldImage;
import org.fovea.center.NewRequest;
import org.fovea.center.RequestEvent;
import org.fovea.center.RequestState;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.center.client.CenterClient;
import org.fovea.center.client.CenterException;
import org.fovea.center.client.ClientAccess;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.center.CenterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A township hospital sends the demo chest CT into a request by STOW-RS through the center into
 * Orthanc on PostgreSQL: every image verified by its SHA-256 and stored once, the request
 * "received complete" only when the center holds all of them; an image damaged on its way is
 * refused and taken when sent again; images of another study or beyond those announced are
 * refused with the reason; another hospital cannot send into the request.
 */
class CenterImagesTest {

    private static CenterFixture fixture;
    private static OrthancPeer orthanc;
    private static LocalArchive site;
    private static List<Path> ct;
    private static List<Path> prior;
    private static CenterClient doctorA;
    private static CenterClient doctorB;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = CenterFixture.start(dir, true, 0, 0);
        orthanc = fixture.orthanc;
        Accounts accounts = fixture.accounts();
        accounts.addHospital("TOWN-A", "青山镇卫生院", false);
        accounts.addHospital("TOWN-B", "白水县人民医院", false);
        accounts.addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        accounts.addAccount("TOWN-B", "doctor.b", "王医生", Role.DOCTOR, "", "doctor-b-pass".toCharArray());
        site = LocalArchive.open(dir.resolve("site"));
        DemoStudies.ensure(DemoSize.SMALL, site, dir.resolve("work"), DemoListener.none(), CancelToken.none());
        ct = site.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).stream().map(InstanceEntry::file).toList();
        prior = site.instances(DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL)).stream().map(InstanceEntry::file).toList();
        doctorA = fixture.client(fixture.center(), "doctor.a", "doctor-a-pass");
        doctorB = fixture.client(fixture.center(), "doctor.b", "doctor-b-pass");
    }

    @AfterAll
    static void stop() {
        site.close();
        fixture.close();
    }

    private static CenterRequest open(String clientId, int images) throws CenterException {
        return doctorA.create(new NewRequest(clientId, "FV0001", "王建国", "M", "19680512",
                DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL), "", "CT", "CHEST", "胸部CT平扫", "咳嗽两周", "结节？",
                Urgency.ROUTINE, images));
    }

    @Test
    void theCtArrivesVerifiedOnceAndTheRequestIsReceivedCompleteOnlyWithItsLastImage() throws Exception {
        // the images go into Orthanc on PostgreSQL, as the center runs it
        assertThat(orthanc.get("/plugins").body()).contains("postgresql-index").contains("postgresql-storage");
        CenterRequest r = open("A-CT-1", ct.size());
        assertThat(r.state()).isEqualTo(RequestState.RECEIVING);
        for (int i = 0; i < ct.size(); i += 16) {
            List<CenterClient.Sent> sent = doctorA.send(r.id(), ct.subList(i, Math.min(ct.size(), i + 16)));
            assertThat(sent).allSatisfy(s -> assertThat(s.stored()).as(s.failure()).isTrue());
            if (i + 16 < ct.size()) {
                assertThat(doctorA.request(r.id()).state()).isEqualTo(RequestState.RECEIVING);
            }
        }
        CenterRequest done = doctorA.request(r.id());
        assertThat(done.state()).isEqualTo(RequestState.RECEIVED);
        assertThat(done.receivedImages()).isEqualTo(ct.size());
        // Orthanc holds each once (another request may have brought some of them before)
        List<String> inOrthanc = orthanc.sopInstanceUids();
        assertThat(inOrthanc).doesNotHaveDuplicates();
        assertThat(inOrthanc).containsAll(site.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).stream()
                .map(InstanceEntry::sopInstanceUid).toList());
        int stored = orthanc.instanceCount();

        // what the center lists is what the site has, byte for byte
        Map<String, String> held = doctorA.held(r.id()).stream()
                .collect(Collectors.toMap(HeldImage::sopInstanceUid, HeldImage::sha256));
        Map<String, String> ours = new java.util.HashMap<>();
        for (InstanceEntry e : site.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL))) {
            ours.put(e.sopInstanceUid(), CenterClient.sha256Hex(e.file()));
        }
        assertThat(held).isEqualTo(ours);
        // and Orthanc keeps exactly those bytes
        String firstSop = site.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).get(0).sopInstanceUid();
        String orthancId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(orthanc.post("/tools/lookup",
                firstSop).body()).get(0).get("ID").asText();
        assertThat(HexFormat.of().formatHex(CenterClient.sha256(new OrthancStore("http://127.0.0.1:"
                + orthanc.httpPort(), "", "").file(orthancId)))).isEqualTo(ours.get(firstSop));

        // sent again (the answer was lost): acknowledged, not stored twice
        assertThat(doctorA.send(r.id(), ct.subList(0, 3))).allMatch(CenterClient.Sent::stored);
        assertThat(orthanc.instanceCount()).isEqualTo(stored);
        assertThat(doctorA.request(r.id()).receivedImages()).isEqualTo(ct.size());
        List<String> trace = new ArrayList<>();
        for (RequestEvent e : doctorA.events(r.id())) {
            trace.add(e.what());
        }
        assertThat(trace).filteredOn("RECEIVED_COMPLETE"::equals).hasSize(1);
        assertThat(trace.get(0)).isEqualTo("CREATED");
    }

    @Test
    void aDamagedImageIsRefusedAndTakenWhenSentAgain() throws Exception {
        CenterRequest r = open("A-CT-2", 2);
        byte[] good = Files.readAllBytes(ct.get(0));
        byte[] damaged = good.clone();
        damaged[damaged.length - 100] ^= 0x10;          // a bit flipped in the pixels, after the hash was taken
        String boundary = "b-" + UUID.randomUUID();
        byte[] body = concat(("--" + boundary + "\r\nContent-Type: application/dicom\r\nDigest: sha-256="
                        + java.util.Base64.getEncoder().encodeToString(CenterClient.sha256(good)) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII), damaged,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        List<CenterClient.Sent> sent = ClientAccess.send(doctorA, r.id(), body, boundary);
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.stored()).isFalse();
            assertThat(s.failure()).contains("arrived damaged").contains("send it again");
        });
        assertThat(doctorA.held(r.id())).isEmpty();
        assertThat(doctorA.send(r.id(), List.of(ct.get(0)))).singleElement().satisfies(s -> assertThat(s.stored()).isTrue());
        assertThat(doctorA.held(r.id())).singleElement().satisfies(h -> assertThat(h.sha256())
                .isEqualTo(HexFormat.of().formatHex(CenterClient.sha256(good))));
    }

    @Test
    void imagesOfAnotherStudyOrBeyondThoseAnnouncedAreRefusedWithTheReason() throws Exception {
        CenterRequest r = open("A-CT-3", 2);
        List<CenterClient.Sent> wrong = doctorA.send(r.id(), prior.subList(0, 1));
        assertThat(wrong).singleElement().satisfies(s -> assertThat(s.failure())
                .contains("is of study " + DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL)));
        assertThat(doctorA.send(r.id(), ct.subList(0, 2))).allMatch(CenterClient.Sent::stored);
        assertThat(doctorA.request(r.id()).state()).isEqualTo(RequestState.RECEIVED);
        assertThat(doctorA.send(r.id(), ct.subList(2, 3))).singleElement()
                .satisfies(s -> assertThat(s.failure()).contains("announced 2 images"));
        // another hospital cannot send into it
        assertThatThrownBy(() -> doctorB.send(r.id(), ct.subList(0, 1)))
                .isInstanceOfSatisfying(CenterException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("another hospital");
                });
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
