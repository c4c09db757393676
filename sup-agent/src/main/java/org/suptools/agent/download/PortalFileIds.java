package org.suptools.agent.download;

import java.io.IOException;
import org.suptools.agent.link.Tr50Link;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Result;

/** {@code file.get {fileName, global: true}} over the link: a campaign's SUP is a Developer File. */
public final class PortalFileIds implements FileIds {

    private final Tr50Link link;

    public PortalFileIds(Tr50Link link) {
        this.link = link;
    }

    @Override
    public FileGetResult get(String fileName) throws PortalRefusal, IOException, InterruptedException {
        Tr50Result result = link.call(Tr50Request.of(FileGet.global(fileName))).result(RequestId.of(1))
                .orElseThrow(() -> new IOException("the reply to file.get has no result for command 1"));
        if (result instanceof Tr50Result.Failure failure) {
            int code = failure.errorCodes().isEmpty() ? 0 : failure.errorCodes().get(0);
            String message = failure.errorMessages().isEmpty() ? failure.describe() : String.join("; ",
                    failure.errorMessages());
            throw new PortalRefusal(code, message);
        }
        try {
            return FileGetResult.read(((Tr50Result.Success) result).params());
        } catch (Tr50Exception | IllegalArgumentException e) {
            throw new PortalRefusal(0, "the reply to file.get cannot be read: " + e.getMessage());
        }
    }
}
