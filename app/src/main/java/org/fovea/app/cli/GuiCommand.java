package org.fovea.app.cli;

import org.fovea.app.ui.FoveaApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Opens the workstation window. */
@Command(name = "gui", description = "Open the workstation (the default).")
final class GuiCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Option(names = "--lang", description = "UI language: zh or en (default: the system locale).")
    private String lang;

    @Override
    public Integer call() {
        return open(parent.home(), lang);
    }

    static int open(Path home, String lang) {
        FoveaApp.launch(home, locale(lang));
        return 0;
    }

    static Locale locale(String lang) {
        if (lang == null || lang.isBlank()) {
            return Locale.getDefault();
        }
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "zh", "zh_cn", "zh-cn" -> Locale.SIMPLIFIED_CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new UserError("unknown language '" + lang + "': use zh or en");
        };
    }
}
