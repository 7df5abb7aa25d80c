using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>
/// Source-generated (reflection-free, Native AOT safe) JSON metadata of <see cref="VeloxConfig"/>. The loader also
/// walks this metadata to know the keys and types of every section, so the model is the only schema.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(VeloxConfig))]
internal sealed partial class VeloxConfigJsonContext : JsonSerializerContext;
