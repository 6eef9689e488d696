using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Desec.Auth.Config;

/// <summary>
/// One secondary of a zone in <c>secondaries</c>: where it listens (ADDRESS:PORT, NOTIFY goes
/// there) and, optionally, the TSIG key it shares with us. In the config file either an object,
/// <c>{ "address": "192.0.2.1:53", "tsig-key": "xfr-key" }</c>, or a string,
/// <c>"192.0.2.1:53"</c> or <c>"192.0.2.1:53 key:xfr-key"</c>.
/// </summary>
[JsonConverter(typeof(SecondaryConfigConverter))]
public sealed record SecondaryConfig
{
    public string? Address { get; init; }
    public string? TsigKey { get; init; }

    /// <summary>The address to NOTIFY; a bad one stops start-up naming it and <paramref name="where"/>.</summary>
    public IPEndPoint EndPoint(string where)
    {
        if (string.IsNullOrWhiteSpace(Address)) { throw new ConfigException($"{where}: a secondary has no address"); }
        return ServerConfig.ParseEndPoint(Address, where);
    }

    /// <summary>The TSIG key name, in the form <see cref="Transfer.TransferAclEntry"/> compares.</summary>
    public string? KeyName => string.IsNullOrWhiteSpace(TsigKey) ? null : Transfer.TransferAclEntry.NormalizeKeyName(TsigKey);

    public override string ToString() => TsigKey is null ? Address ?? "" : $"{Address} key:{TsigKey}";
}

/// <summary>Reads a secondary given as a string (<c>"ADDRESS:PORT"</c>, <c>"ADDRESS:PORT key:NAME"</c>) or as an object.</summary>
public sealed class SecondaryConfigConverter : JsonConverter<SecondaryConfig>
{
    public override SecondaryConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var words = reader.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string? key = null;
            foreach (var word in words.Skip(1))
            {
                if (!word.StartsWith("key:", StringComparison.OrdinalIgnoreCase) || key is not null)
                {
                    throw new JsonException($"secondary '{string.Join(' ', words)}': expected ADDRESS:PORT, optionally followed by key:NAME");
                }
                key = word[4..];
            }
            return new SecondaryConfig { Address = words.FirstOrDefault(), TsigKey = key };
        }
        if (reader.TokenType != JsonTokenType.StartObject) { throw new JsonException("a secondary is an object or an ADDRESS:PORT string"); }
        string? address = null, tsigKey = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "address": address = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("secondary address: expected a string"); break;
                case "tsig-key": tsigKey = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException("secondary tsig-key: expected a key name"),
                }; break;
                default: throw new JsonException($"secondary: unknown key '{property}' (known: address, tsig-key)");
            }
        }
        return new SecondaryConfig { Address = address, TsigKey = tsigKey };
    }

    public override void Write(Utf8JsonWriter writer, SecondaryConfig value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("address", value.Address);
        if (value.TsigKey is not null) { writer.WriteString("tsig-key", value.TsigKey); }
        writer.WriteEndObject();
    }
}
