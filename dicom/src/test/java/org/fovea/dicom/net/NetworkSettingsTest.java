package org.fovea.dicom.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node addresses and the settings file an administrator may edit. */
class NetworkSettingsTest {

    @Test
    void parsesAnAddressIntoANodeOfferingEverything() {
        DicomNode n = DicomNode.parse(" ORTHANC@127.0.0.1:4242 ");
        assertThat(n).isEqualTo(new DicomNode("ORTHANC", "ORTHANC", "127.0.0.1", 4242,
                EnumSet.allOf(DicomNode.Service.class), RetrieveMethod.C_GET));
        assertThat(n.address()).isEqualTo("ORTHANC@127.0.0.1:4242");
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        assertThatThrownBy(() -> DicomNode.parse("127.0.0.1:4242")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"127.0.0.1:4242\" is not a DICOM node address: write it as AE@host:port, for example "
                        + "ORTHANC@127.0.0.1:4242.");
        assertThatThrownBy(() -> DicomNode.parse("PACS@host:70000")).hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> DicomNode.parse("A_TITLE_TOO_LONG_X@host:104")).hasMessageContaining("1 to 16 characters");
    }

    @Test
    void savedSettingsLoadBackAndMissingFileMeansDefaults(@TempDir Path home) {
        assertThat(NetworkSettingsStore.load(home)).isEqualTo(NetworkSettings.defaults());
        NetworkSettings s = new NetworkSettings("READING1", 11113, false, 5, 30, List.of(
                new DicomNode("医院PACS", "PACS", "10.0.0.5", 104, EnumSet.of(DicomNode.Service.QUERY_RETRIEVE),
                        RetrieveMethod.C_MOVE),
                DicomNode.parse("RIS@10.0.0.6:4006")));
        NetworkSettingsStore.save(home, s);
        assertThat(NetworkSettingsStore.load(home)).isEqualTo(s);
        assertThat(home.resolve("settings")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aHandWrittenFileMayLeaveOutFields(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("settings"));
        Files.writeString(NetworkSettingsStore.file(home), """
                { "localAeTitle": "WS2", "nodes": [ { "aeTitle": "PACS", "host": "pacs", "port": 104 } ] }
                """);
        NetworkSettings s = NetworkSettingsStore.load(home);
        assertThat(s.localAeTitle()).isEqualTo("WS2");
        assertThat(s.localPort()).isEqualTo(11112);
        assertThat(s.responseTimeoutSeconds()).isEqualTo(60);
        assertThat(s.nodes().get(0).services()).containsExactlyInAnyOrder(DicomNode.Service.values());
        assertThat(s.nodes().get(0).retrieveMethod()).isEqualTo(RetrieveMethod.C_GET);
    }

    @Test
    void aBrokenFileIsNamedWithTheReason(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("settings"));
        Path file = NetworkSettingsStore.file(home);
        Files.writeString(file, "{ \"localAeTitle\": \"WS2\", ");
        assertThatThrownBy(() -> NetworkSettingsStore.load(home)).isInstanceOf(NetworkSettingsException.class)
                .hasMessageStartingWith("The DICOM network settings file " + file + " is not valid JSON (line 1");
        Files.writeString(file, "{ \"nodes\": [ { \"aeTitle\": \"PACS\", \"host\": \"h\", \"port\": 104, "
                + "\"retrieveMethod\": \"C-FETCH\" } ] }");
        assertThatThrownBy(() -> NetworkSettingsStore.load(home))
                .hasMessage("The DICOM network settings file " + file + " has a wrong value: \"C-FETCH\" is not a known "
                        + "retrieve method of node PACS.");
    }

    @Test
    void personNamePatternsFindAnyComponentGroup() {
        assertThat(PersonNames.pattern("王建国")).isEqualTo("*王*建*国*");
        assertThat(PersonNames.pattern("王*")).isEqualTo("*王*");
        assertThat(PersonNames.pattern("zhang wei")).isEqualTo("*zhang*wei*");
        assertThat(PersonNames.pattern("ZHANG^WEI")).isEqualTo("*ZHANG*WEI*");
        assertThat(PersonNames.pattern("WANG^JIANGUO=王^建国")).isEqualTo("WANG^JIANGUO=王^建国");
        assertThat(PersonNames.pattern("")).isEmpty();
    }
}
