package org.fovea.center;

import org.fovea.center.client.CenterClient;
import org.fovea.center.client.Outbox;
import org.fovea.center.server.CenterConfig;
import org.fovea.center.server.CenterServer;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.reporting.ReportingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The center scaled out: two instances, each with its own Orthanc, the two Orthancs on one
 * PostgreSQL (index and files). Two hospitals submit at the same time, one through each
 * instance: both requests arrive complete, both instances list both, and each Orthanc holds
 * every image of both.
 */
class TwoOrthancsTest {

    @TempDir
    Path dir;

    @Test
    void requestsSubmittedThroughEitherInstanceAreSeenByBoth() throws Exception {
        try (CenterFixture f = CenterFixture.start(dir.resolve("one"), true, 0, 0);
             OrthancPeer second = OrthancPeer.startOnPostgreSql(dir.resolve("orthanc-2"),
                     new OrthancPeer.PostgreSql("127.0.0.1", f.pg.port(), "orthanc", f.pg.user(), ""));
             LocalArchive site = LocalArchive.open(dir.resolve("site"))) {
            CenterConfig c = f.config;
            CenterServer other = CenterServer.start(c.withPort(0).withOrthanc("http://127.0.0.1:" + second.httpPort()));
            try {
                f.accounts().addHospital("TOWN-A", "青山镇卫生院", false);
                f.accounts().addHospital("TOWN-B", "白水县人民医院", false);
                f.accounts().addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-a-pass".toCharArray());
                f.accounts().addAccount("TOWN-B", "doctor.b", "王医生", Role.DOCTOR, "", "doctor-b-pass".toCharArray());
                DemoStudies.ensure(DemoSize.SMALL, site, dir.resolve("work"), DemoListener.none(), CancelToken.none());
                List<Outbox.Item> ct = site.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)).stream()
                        .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList();
                List<Outbox.Item> prior = site.instances(DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL)).stream()
                        .map(e -> new Outbox.Item(e.sopInstanceUid(), e.file())).toList();
                Thread a = submit(dir.resolve("dept-a"), f.client(f.center(), "doctor.a", "doctor-a-pass"), "A-1",
                        DemoStudy.CURRENT_CT, ct);
                Thread b = submit(dir.resolve("dept-b"), f.client(other, "doctor.b", "doctor-b-pass"), "B-1",
                        DemoStudy.PRIOR_CT, prior);
                a.join(120_000);
                b.join(120_000);
                // each hospital sees its request through the instance it did not send through
                CenterClient viaOther = f.client(other, "doctor.a", "doctor-a-pass");
                assertThat(viaOther.requests()).singleElement()
                        .satisfies(r -> assertThat(r.receivedImages()).isEqualTo(ct.size()));
                assertThat(f.client(f.center(), "doctor.b", "doctor-b-pass").requests()).singleElement()
                        .satisfies(r -> assertThat(r.receivedImages()).isEqualTo(prior.size()));
                int all = ct.size() + prior.size();
                assertThat(f.orthanc.instanceCount()).isEqualTo(all);
                assertThat(second.instanceCount()).isEqualTo(all);
            } finally {
                other.close();
            }
        }
    }

    private static Thread submit(Path dept, CenterClient client, String id, DemoStudy study, List<Outbox.Item> items) {
        Thread t = new Thread(() -> {
            try (ReportingDatabase department = ReportingDatabase.embedded(dept)) {
                Outbox box = Outbox.open(department.dataSource());
                box.submit(new NewRequest(id, "FV0001", "王建国", "M", "", study.studyUid(DemoSize.SMALL), "", "CT",
                        "CHEST", "", "", "", Urgency.ROUTINE, null), "doctor", items);
                box.sync(client);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }
}
