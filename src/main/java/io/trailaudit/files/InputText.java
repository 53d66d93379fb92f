package io.trailaudit.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a user's input file as UTF-8 text, with one-line reasons a person understands: no such
 * file, a directory, permission denied, not UTF-8 text (a binary file or another encoding).
 */
public final class InputText {
  private InputText() {}

  /** The file's bytes, checked to be UTF-8 text. */
  public static byte[] readBytes(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new InputFileException(name + ": is a directory, not a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputFileException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InputFileException(name + ": cannot read: permission denied", e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    decode(name, bytes);
    return bytes;
  }

  /** The file as text. */
  public static String read(Path file) {
    return decode(file.toString(), readBytes(file));
  }

  /**
   * Decodes strict UTF-8; a malformed sequence or a NUL character (which no text format here
   * allows) is refused with the offset of the first bad byte.
   */
  public static String decode(String name, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw notText(name, bytes, in.position());
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw notText(name, bytes, i);
      }
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static InputFileException notText(String name, byte[] bytes, int offset) {
    return new InputFileException(
        String.format(
            "%s: not UTF-8 text (byte 0x%02x at offset %d): is it a binary file?",
            name, bytes[offset] & 0xff, offset));
  }
}
