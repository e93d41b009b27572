package org.fovea.center.client;

import org.fovea.center.HeldImage;
import org.fovea.center.NewRequest;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.center.CenterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site's outbox (D9) against a real center (PostgreSQL, Orthanc on it, HTTPS) through a link
 * the test breaks: the demo CT submitted, the link dropping mid-upload, the workstation closed
 * and opened again, the center restarted, a byte flipped on the wire, an image the center lost:
 * every time the request ends received complete, with every image held once and byte for byte
 * what the site has.
 */
class OutboxTest {

    private static CenterFixture fixture;
    private static LocalArchive archive;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        // on a fixed port: restarted, the center is where the site expects it
        fixture = CenterFixture.start(dir, true, OrthancPeer.freePort(), 0);
        fixture.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
        fixture.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
        archive = LocalArchive.open(dir.resolve("site"));
        DemoStudies.ensure(DemoSize.SMALL, archive, dir.resolve("work"), DemoListener.none(), CancelToken.none());
    }

    @AfterAll
    static void stop() {
        archive.close();
        fixture.close();
    }

    private static CenterClient client(int port) throws Exception {
        return fixture.client(port, "doctor.a", "doctor-a-pass");
    }

    private static List<Outbox.Item> ct() {
        return archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).stream()
                .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList();
    }

    private static NewRequest request(String clientId) {
        return new NewRequest(clientId, "FV0001", "王建国", "M", "19680512",
                DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL), "", "CT", "CHEST", "胸部CT平扫", "咳嗽两周", "结节？",
                Urgency.URGENT, null);
    }

    private static Outbox.Status status(Outbox box, String clientId) {
        return box.status().stream().filter(s -> s.clientRequestId().equals(clientId)).findFirst().orElseThrow();
    }

    /** What the center holds of a request is exactly the site's images, byte for byte. */
    private static void heldExactly(CenterClient c, Outbox.Status s) throws Exception {
        Map<String, String> held = c.held(UUID.fromString(s.centerRequestId())).stream()
                .collect(Collectors.toMap(HeldImage::sopInstanceUid, HeldImage::sha256));
        Map<String, String> ours = new HashMap<>();
        for (InstanceEntry e : archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL))) {
            ours.put(e.sopInstanceUid(), CenterClient.sha256Hex(e.file()));
        }
        assertThat(held).isEqualTo(ours);
    }

    @Test
    void aDroppedLinkARestartedWorkstationAndARestartedCenterEachResumeToReceivedComplete() throws Exception {
        int images = ct().size();
        try (FaultyLink link = new FaultyLink(fixture.config.port());
             ReportingDatabase department = ReportingDatabase.embedded(dir.resolve("site-home"))) {
            Outbox box = Outbox.open(department.dataSource());
            box.submit(request("QS-2026-0001"), "doctor.a", ct());
            box.submit(request("QS-2026-0001"), "doctor.a", ct());          // a double click: still one request
            assertThat(box.status()).hasSize(1);
            assertThat(status(box, "QS-2026-0001").state()).isEqualTo("QUEUED");
            assertThat(status(box, "QS-2026-0001").total()).isEqualTo(images);

            // the link drops after about a third of the study
            CenterClient viaLink = client(link.port());
            link.cutAfter(Files.size(ct().get(0).file()) * images / 3);
            Outbox.SyncReport first = box.sync(viaLink);
            assertThat(link.isDown()).isTrue();
            assertThat(first.stoppedBecause()).contains("cannot be reached");
            Outbox.Status partial = status(box, "QS-2026-0001");
            assertThat(partial.state()).isEqualTo("SENDING");
            assertThat(partial.sent()).isBetween(1, images - 1);
            assertThat(partial.problem()).contains("cannot be reached");
        }
        // the workstation is closed and opened again: the outbox resumes from its database
        try (ReportingDatabase department = ReportingDatabase.embedded(dir.resolve("site-home"))) {
            Outbox box = Outbox.open(department.dataSource());
            // the center restarts meanwhile: first it is away, then back on the same database
            fixture.stopCenter();
            try {
                assertThat(box.sync(client(fixture.config.port())).stoppedBecause()).contains("cannot be reached");
            } finally {
                fixture.restartCenter();
            }
            CenterClient direct = client(fixture.config.port());
            Outbox.SyncReport rest = box.sync(direct);
            assertThat(rest.stoppedBecause()).isEmpty();
            Outbox.Status done = status(box, "QS-2026-0001");
            assertThat(done.state()).as(done + " " + rest).isEqualTo("RECEIVED");
            assertThat(done.sent()).isEqualTo(images);
            assertThat(done.problem()).isEmpty();
            heldExactly(direct, done);
            assertThat(fixture.orthanc.sopInstanceUids()).doesNotHaveDuplicates();
            assertThat(direct.requests()).as("one request at the center")
                    .filteredOn(r -> r.clientRequestId().equals("QS-2026-0001")).hasSize(1);
            // the site's side of the trace: what it did, across the drop and the restarts
            List<String> trace = box.trace("QS-2026-0001").stream().map(Outbox.Event::what).toList();
            assertThat(trace).containsSubsequence("SUBMITTED", "OPENED", "SENT", "STOPPED", "SENT", "RECEIVED_COMPLETE");
            assertThat(trace).filteredOn("RECEIVED_COMPLETE"::equals).hasSize(1);
            assertThat(box.trace("QS-2026-0001").get(0).who()).isEqualTo("doctor.a");
        }
    }

    @Test
    void aByteFlippedOnTheWireAndAnImageTheCenterLostAreSentAgain() throws Exception {
        try (FaultyLink link = new FaultyLink(fixture.config.port());
             ReportingDatabase department = ReportingDatabase.embedded(dir.resolve("site-home-2"))) {
            Outbox box = Outbox.open(department.dataSource());
            box.submit(request("QS-2026-0002"), "doctor.a", ct());
            CenterClient viaLink = client(link.port());
            link.flipAt(200_000);
            Outbox.SyncReport first = box.sync(viaLink);
            // TLS refuses the damaged record: the call fails, nothing damaged is stored
            while (!status(box, "QS-2026-0002").state().equals("RECEIVED")) {
                assertThat(box.sync(viaLink).stoppedBecause()).isEmpty();
            }
            assertThat(first.sent() + first.resent()).isLessThan(ct().size());
            heldExactly(viaLink, status(box, "QS-2026-0002"));

            // the center loses one image's record: the consistency check finds it and it goes again
            String lost = ct().get(7).sopInstanceUid();
            try (var c = fixture.dataSource().getConnection();
                 var ps = c.prepareStatement("DELETE FROM request_images WHERE sop_instance_uid = ? AND request_id = ?")) {
                ps.setString(1, lost);
                ps.setObject(2, UUID.fromString(status(box, "QS-2026-0002").centerRequestId()));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThat(box.verify(viaLink)).isEqualTo(1);
            assertThat(box.trace("QS-2026-0002")).extracting(Outbox.Event::what).contains("CHECKED");
            assertThat(status(box, "QS-2026-0002").sent()).isEqualTo(ct().size() - 1);
            Outbox.SyncReport again = box.sync(viaLink);
            assertThat(again.resent()).isEqualTo(1);
            heldExactly(viaLink, status(box, "QS-2026-0002"));

            // on a schedule too: a workstation's watch runs the check by itself and sends what is lost
            String lostAgain = ct().get(11).sopInstanceUid();
            try (var c = fixture.dataSource().getConnection();
                 var ps = c.prepareStatement("DELETE FROM request_images WHERE sop_instance_uid = ? AND request_id = ?")) {
                ps.setString(1, lostAgain);
                ps.setObject(2, UUID.fromString(status(box, "QS-2026-0002").centerRequestId()));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (RemoteWatch watch = new RemoteWatch(box, viaLink, said::add).checkEvery(java.time.Duration.ZERO)
                    .start()) {
                long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while (viaLink.held(UUID.fromString(status(box, "QS-2026-0002").centerRequestId())).size()
                        < ct().size()) {
                    assertThat(System.nanoTime()).as("sent again by the scheduled check; said " + said).isLessThan(end);
                    Thread.sleep(100);
                }
                assertThat(said).anyMatch(l -> l.startsWith("The consistency check found 1 image the center lacks"));
            }
            heldExactly(viaLink, status(box, "QS-2026-0002"));
        }
    }

    @Test
    void aLocalFileChangedAfterSubmissionIsNotSentAndSaysSo(@TempDir Path copies) throws Exception {
        try (ReportingDatabase department = ReportingDatabase.embedded(dir.resolve("site-home-3"))) {
            Outbox box = Outbox.open(department.dataSource());
            List<Outbox.Item> items = new java.util.ArrayList<>();
            for (Outbox.Item i : ct().subList(0, 3)) {
                Path copy = copies.resolve(i.sopInstanceUid() + ".dcm");
                Files.copy(i.file(), copy);
                items.add(new Outbox.Item(i.sopInstanceUid(), copy));
            }
            box.submit(request("QS-2026-0003"), "doctor.a", items);
            byte[] b = Files.readAllBytes(items.get(1).file());
            b[b.length - 10] ^= 0x7f;
            Files.write(items.get(1).file(), b);
            box.sync(client(fixture.config.port()));
            Outbox.Status s = status(box, "QS-2026-0003");
            assertThat(s.sent()).isEqualTo(2);
            assertThat(s.refused()).isEqualTo(1);
            assertThat(s.problem()).contains("1 image was refused").contains("changed since it was submitted");
            assertThat(s.state()).as("the center still waits for the third").isEqualTo("SENDING");
        }
    }
}
