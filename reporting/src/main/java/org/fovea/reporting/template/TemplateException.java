package org.fovea.reporting.template;

/** An MRRT file that is not a usable template; the message names the file, the line and the reason. */
public class TemplateException extends Exception {

    public TemplateException(String message) {
        super(message);
    }
}
