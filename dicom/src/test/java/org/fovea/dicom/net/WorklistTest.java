package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.net.peers.Dcmtk;
import org.fovea.dicom.net.peers.OrthancPeer;
import org.fovea.testsupport.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Modality Worklist C-FIND against Orthanc's worklist plugin, with entries made by DCMTK's dump2dcm. */
class WorklistTest {

    private static void entry(Path dir, String name, String patient, String accession, String date, String modality,
                              String station) throws Exception {
        Path dump = dir.resolve(name + ".txt");
        Files.writeString(dump, """
                (0008,0005) CS [ISO_IR 192]
                (0008,0050) SH [%s]
                (0010,0010) PN [%s]
                (0010,0020) LO [%s-ID]
                (0020,000d) UI [1.2.826.0.1.3680043.9.7433.77.%s]
                (0032,1060) LO [胸部CT平扫]
                (0040,0100) SQ (Sequence with undefined length)
                (fffe,e000) na (Item with undefined length)
                (0008,0060) CS [%s]
                (0040,0001) AE [%s]
                (0040,0002) DA [%s]
                (0040,0003) TM [083000]
                (0040,0007) LO [Chest]
                (0040,0009) SH [SPS-%s]
                (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
                (0040,1001) SH [RP-%s]
                """.formatted(accession, patient, accession, accession.replaceAll("\\D", ""), modality, station, date,
                accession, accession), StandardCharsets.UTF_8);
        Command.Result r = Dcmtk.run("dump2dcm", List.of("+te", "-g", dump.toString(),
                dir.resolve(name + ".wl").toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        Files.delete(dump);
    }

    @Test
    void worklistIsFilteredByDateModalityAndStation(@TempDir Path dir) throws Exception {
        try (OrthancPeer pacs = OrthancPeer.start(dir, List.of())) {
            Path wl = pacs.worklistDirectory();
            entry(wl, "a", "WANG^JIANGUO=王^建国", "ACC1", "20260301", "CT", "CT01");
            entry(wl, "b", "LI^NA=李^娜", "ACC2", "20260301", "MR", "MR01");
            entry(wl, "c", "ZHANG^WEI=张^伟", "ACC3", "20260302", "CT", "CT01");
            DicomNode node = DicomNode.parse(pacs.address());
            DicomClient client = new DicomClient(NetworkSettings.defaults());

            List<QueryResult> all = client.worklist(node, Map.of(), CancelToken.none());
            assertThat(all).extracting(r -> r.get("AccessionNumber")).containsExactlyInAnyOrder("ACC1", "ACC2", "ACC3");

            List<QueryResult> day = client.worklist(node, Map.of("ScheduledProcedureStepStartDate", "20260301"),
                    CancelToken.none());
            assertThat(day).extracting(r -> r.get("AccessionNumber")).containsExactlyInAnyOrder("ACC1", "ACC2");

            List<QueryResult> ct = client.worklist(node, Map.of("ScheduledProcedureStepStartDate", "20260301-20260331",
                    "Modality", "CT"), CancelToken.none());
            assertThat(ct).extracting(r -> r.get("AccessionNumber")).containsExactlyInAnyOrder("ACC1", "ACC3");

            List<QueryResult> station = client.worklist(node, Map.of("ScheduledStationAETitle", "MR01"),
                    CancelToken.none());
            assertThat(station).hasSize(1);
            QueryResult li = station.get(0);
            assertThat(li.get("PatientName")).isEqualTo("LI^NA=李^娜");
            assertThat(li.get("Modality")).isEqualTo("MR");
            assertThat(li.get("ScheduledProcedureStepStartDate")).isEqualTo("20260301");
            assertThat(li.get("RequestedProcedureDescription")).isEqualTo("胸部CT平扫");

            assertThat(client.worklist(node, Map.of("PatientName", "王建国"), CancelToken.none()))
                    .extracting(r -> r.get("AccessionNumber")).containsExactly("ACC1");
        }
    }
}
