using System.Buffers.Binary;
using System.Text;

namespace AkoActors.AviSim.Dns;

/// <summary>The slice of RFC 1035 (and RFC 3596's AAAA) the responder needs: parse one question, build an authoritative
/// answer with the name's A or AAAA records, both for ANY (or an error code; a name with no record of the asked type is an
/// empty NOERROR answer). Queries with compression in the question are refused as malformed.</summary>
internal static class DnsMessageCodec
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort TypeAny = 255;
    public const byte NoError = 0;
    public const byte FormatError = 1;
    public const byte NotImplemented = 4;
    public const byte NameError = 3;
    public const byte Refused = 5;

    /// <summary>Builds the response for one query message; null if it is too short to even echo an id.</summary>
    public static byte[]? Respond(ReadOnlySpan<byte> query, DnsRecordTable table)
    {
        if (query.Length < 12)
        {
            return null;
        }
        var id = BinaryPrimitives.ReadUInt16BigEndian(query);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);
        if ((flags & 0x8000) != 0)
        {
            return null; // a response, not a query: never answer those.
        }
        var opcode = (flags >> 11) & 0xF;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(query[4..]);
        if (opcode != 0)
        {
            return Header(id, flags, NotImplemented, []);
        }
        if (questions != 1 || !TryReadQuestion(query, out var name, out var questionEnd, out var qtype))
        {
            return Header(id, flags, FormatError, []);
        }
        var question = query[12..questionEnd];
        var outcome = table.Lookup(name, out var records);
        var rcode = outcome switch
        {
            DnsLookupOutcome.Answer => NoError,
            DnsLookupOutcome.NameError => NameError,
            _ => Refused,
        };
        var answers = records.Where(r => qtype == TypeAny || qtype == (r.IsIpv6 ? TypeAaaa : TypeA)).ToList();
        using var output = new MemoryStream();
        output.Write(Header(id, flags, rcode, question, (ushort)answers.Count));
        Span<byte> answer = stackalloc byte[12 + 16];
        foreach (var record in answers)
        {
            var length = record.IsIpv6 ? 16 : 4;
            BinaryPrimitives.WriteUInt16BigEndian(answer, 0xC00C); // pointer to the question name
            BinaryPrimitives.WriteUInt16BigEndian(answer[2..], record.IsIpv6 ? TypeAaaa : TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(answer[4..], 1); // class IN
            BinaryPrimitives.WriteUInt32BigEndian(answer[6..], (uint)record.Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(answer[10..], (ushort)length);
            record.Address.TryWriteBytes(answer[12..], out _);
            output.Write(answer[..(12 + length)]);
        }
        return output.ToArray();
    }

    private static byte[] Header(ushort id, ushort queryFlags, byte rcode, ReadOnlySpan<byte> question, ushort answers = 0)
    {
        var message = new byte[12 + question.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        var recursionDesired = queryFlags & 0x0100;
        var flags = 0x8000 | 0x0400 | recursionDesired | rcode; // QR, AA, RD echoed, RA off
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), (ushort)(question.IsEmpty ? 0 : 1));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), answers);
        question.CopyTo(message.AsSpan(12));
        return message;
    }

    private static bool TryReadQuestion(ReadOnlySpan<byte> message, out string name, out int end, out ushort qtype)
    {
        name = "";
        end = 0;
        qtype = 0;
        var labels = new StringBuilder();
        var position = 12;
        while (true)
        {
            if (position >= message.Length)
            {
                return false;
            }
            var length = message[position];
            if (length == 0)
            {
                position++;
                break;
            }
            if ((length & 0xC0) != 0 || position + 1 + length > message.Length || labels.Length + length > 253)
            {
                return false;
            }
            if (labels.Length > 0)
            {
                labels.Append('.');
            }
            labels.Append(Encoding.ASCII.GetString(message.Slice(position + 1, length)));
            position += 1 + length;
        }
        if (position + 4 > message.Length)
        {
            return false;
        }
        qtype = BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
        name = labels.ToString();
        end = position + 4;
        return true;
    }
}
