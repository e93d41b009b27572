package org.fovea.app.hanging;

import org.fovea.app.view.DemoArchive;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hanging protocols on the demo studies: the chest CT is hung by the CT chest protocol, lung and
 * mediastinum windows of the current study over those of last year's prior of the same patient,
 * linked; the chest film by the chest DX protocol with no prior to hang; a department's file
 * replaces a built-in of the same name, and broken files are named with their reason while the
 * rest still work.
 */
class HangingTest {

    private static DemoArchive demo;

    @TempDir
    Path home;

    @BeforeAll
    static void demo() throws Exception {
        demo = new DemoArchive();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static StudyInfo info(DemoStudy s) {
        return HangingStudies.of(demo.archive, demo.study(s));
    }

    private static List<StudyInfo> patientsStudies() {
        return List.of(info(DemoStudy.CURRENT_CT), info(DemoStudy.PRIOR_CT), info(DemoStudy.CHEST_DR));
    }

    @Test
    void theChestCtHangsLungAndMediastinumOfTheCurrentStudyOverThoseOfItsPrior() {
        Protocols protocols = Protocols.load(home);
        assertThat(protocols.problems()).isEmpty();
        assertThat(protocols.all()).extracting(HangingProtocol::name)
                .containsExactly("CT chest", "CT head", "CT abdomen", "MR brain", "MR knee", "Chest DX");
        StudyInfo ct = info(DemoStudy.CURRENT_CT);
        assertThat(ct.series()).extracting(SeriesInfo::plane).containsExactly(SeriesInfo.Plane.AXIAL, SeriesInfo.Plane.CORONAL);
        HangingProtocol p = protocols.forStudy(ct).orElseThrow();
        assertThat(p.name()).isEqualTo("CT chest");

        Hanging.Plan plan = Hanging.plan(p, ct, patientsStudies());
        assertThat(plan.priors()).extracting(StudyInfo::studyUid).containsExactly(DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL));
        Hanging.Stage first = plan.stages().get(0);
        assertThat(first.rows() + "x" + first.columns()).isEqualTo("2x2");
        assertThat(first.linked()).isTrue();
        assertThat(first.viewports()).extracting(v -> v.series().seriesUid() + " " + v.preset()).containsExactly(
                DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL) + " lung",
                DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL) + " mediastinum",
                DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL) + " lung",
                DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL) + " mediastinum");
        // the axial series beside its scout, then the axial series alone
        assertThat(plan.stages().get(1).viewports()).extracting(v -> v.series().seriesUid()).containsExactly(
                DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL), DemoStudy.CURRENT_CT.localizerSeriesUid(DemoSize.SMALL));
        assertThat(plan.stages().get(2).viewports()).singleElement()
                .satisfies(v -> assertThat(v.study().studyUid()).isEqualTo(ct.studyUid()));
    }

    @Test
    void theChestFilmHasNoPriorToHangAndTheProtocolSaysSo() {
        StudyInfo film = info(DemoStudy.CHEST_DR);
        HangingProtocol p = Protocols.load(home).forStudy(film).orElseThrow();
        assertThat(p.name()).isEqualTo("Chest DX");
        Hanging.Plan plan = Hanging.plan(p, film, patientsStudies());
        assertThat(plan.priors()).as("the CTs are not chest films").isEmpty();
        List<Hanging.Viewport> cells = plan.stages().get(0).viewports();
        assertThat(cells.get(0).series().seriesUid()).isEqualTo(DemoStudy.CHEST_DR.seriesUid(DemoSize.SMALL));
        assertThat(cells.get(1).study()).isNull();
        assertThat(cells.get(1).series()).isNull();
    }

    @Test
    void aDepartmentsFileReplacesABuiltInAndBrokenFilesAreNamedWithTheirReason() throws Exception {
        Path dir = Files.createDirectories(home.resolve("settings").resolve("hanging"));
        Files.writeString(dir.resolve("our-chest.json"), """
                {"name": "CT chest", "match": {"modalities": ["CT"], "descriptionContains": ["胸"]},
                 "priors": {"count": 0, "sameModality": true},
                 "stages": [{"name": "one", "rows": 1, "columns": 1, "linked": false,
                             "cells": [{"study": 0, "series": {"mostImages": true}, "preset": "lung"}]}]}
                """);
        Files.writeString(dir.resolve("typo.json"), """
                {"name": "X", "rowz": 2, "stages": []}
                """);
        Files.writeString(dir.resolve("too-big.json"), """
                {"name": "Y", "stages": [{"name": "s", "rows": 5, "columns": 5, "linked": false, "cells": []}]}
                """);
        Files.writeString(dir.resolve("cut.json"), "{\"name\": \"Z\", \"stages\": [");
        Protocols protocols = Protocols.load(home);
        assertThat(protocols.problems()).extracting(pr -> Path.of(pr.file()).getFileName().toString())
                .containsExactly("cut.json", "too-big.json", "typo.json");
        assertThat(protocols.problems().get(2).reason()).contains("rowz");
        assertThat(protocols.problems().get(1).reason()).contains("1x1 to 4x4");
        HangingProtocol chest = protocols.forStudy(info(DemoStudy.CURRENT_CT)).orElseThrow();
        assertThat(chest.stages()).singleElement().satisfies(s -> assertThat(s.rows() * s.columns()).isEqualTo(1));
        assertThat(protocols.all()).extracting(HangingProtocol::name).contains("CT head", "Chest DX").hasSize(6);
    }

    @Test
    void aSavedLayoutHangsTheNextStudyByPlaneAndPriorRankAndComesBackFromItsFile(@TempDir Path dept) throws Exception {
        StudyInfo ct = info(DemoStudy.CURRENT_CT);
        java.time.LocalDate today = java.time.LocalDate.now();
        String current = DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL);
        String scout = DemoStudy.CURRENT_CT.localizerSeriesUid(DemoSize.SMALL);
        String prior = DemoStudy.PRIOR_CT.seriesUid(DemoSize.SMALL);
        String priorStudy = DemoStudy.PRIOR_CT.studyUid(DemoSize.SMALL);
        // 2x2: current lung, scout, last year's lung, and an empty viewport
        HangingProtocol p = LayoutProtocol.of("Mine", ct, 2, 2, java.util.Arrays.asList(
                new LayoutProtocol.Shown(ct.studyUid(), today, current, "胸部平扫 1mm", SeriesInfo.Plane.AXIAL, "lung"),
                new LayoutProtocol.Shown(ct.studyUid(), today, scout, "定位像", SeriesInfo.Plane.CORONAL, ""),
                new LayoutProtocol.Shown(priorStudy, today.minusYears(1), prior, "胸部平扫 2mm", SeriesInfo.Plane.AXIAL, "lung"),
                null));
        assertThat(p.priors().count()).isEqualTo(1);
        assertThat(p.match().modalities()).containsExactly("CT");
        assertThat(p.stages().get(0).cells()).as("the trailing empty viewport is left out").hasSize(3);
        // planes, not numbers or descriptions: next year's study has other ones
        assertThat(p.stages().get(0).cells()).extracting(c -> c.study() + " " + c.series().plane() + " "
                + c.series().descriptionContains() + " " + c.preset())
                .containsExactly("0 AXIAL [] lung", "0 CORONAL [] ", "1 AXIAL [] lung");

        Protocols.save(dept, p);
        Protocols loaded = Protocols.load(dept);
        assertThat(loaded.problems()).isEmpty();
        HangingProtocol back = loaded.forStudy(ct).orElseThrow();
        assertThat(back).isEqualTo(p);
        Hanging.Plan plan = Hanging.plan(back, ct, patientsStudies());
        assertThat(plan.stages().get(0).viewports()).extracting(v -> v.series().seriesUid())
                .containsExactly(current, scout, prior);
    }

    @Test
    void oneLargeAndThreeSmallIsSavedByItsNameAndOnlyKnownLayoutsAreTaken(@TempDir Path dept) throws Exception {
        StudyInfo ct = info(DemoStudy.CURRENT_CT);
        java.time.LocalDate today = java.time.LocalDate.now();
        String current = DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL);
        HangingProtocol p = LayoutProtocol.of("Big and three", ct, 2, 2, "1+3", List.of(
                new LayoutProtocol.Shown(ct.studyUid(), today, current, "胸部平扫 1mm", SeriesInfo.Plane.AXIAL, "lung"),
                new LayoutProtocol.Shown(ct.studyUid(), today, current, "胸部平扫 1mm", SeriesInfo.Plane.AXIAL, "mediastinum")));
        String json = Protocols.toJson(p);
        assertThat(json).contains("\"layout\" : \"1+3\"");
        assertThat(Protocols.toJson(LayoutProtocol.of("Grid", ct, 2, 2, List.of()))).doesNotContain("\"layout\"");
        Protocols.save(dept, p);
        HangingProtocol back = Protocols.load(dept).forStudy(ct).orElseThrow();
        assertThat(back).isEqualTo(p);
        assertThat(back.stages().get(0).viewports()).isEqualTo(4);
        assertThat(Hanging.plan(back, ct, patientsStudies()).stages().get(0).layout()).isEqualTo("1+3");

        assertThatThrownBy(() -> Protocols.parse(json.replace("\"1+3\"", "\"1+5\"")))
                .hasMessageContaining("asks for layout \"1+5\"").hasMessageContaining("1+3");
        String five = "{\"name\":\"x\",\"stages\":[{\"name\":\"s\",\"rows\":3,\"columns\":2,\"layout\":\"1+3\","
                + "\"cells\":[{\"study\":0},{\"study\":0},{\"study\":0},{\"study\":0},{\"study\":0}]}]}";
        assertThatThrownBy(() -> Protocols.parse(five)).hasMessageContaining("5 viewports for a \"1+3\" layout of 4");
    }
}
