using System.Collections;
using ContactRules.Contacts;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation;

/// <summary>
/// The <c>case</c> variable of rules as a view over a <see cref="CaseRecord"/>: fields answer from the record
/// and <c>properties</c> holds only the present ones (trimmed, not empty), without copying anything per case.
/// </summary>
internal static class CaseValues
{
    private static readonly string[] FieldNames = ["id", "type", "name", "owner_id", "opened", "modified", "closed", "deleted", "properties"];

    public static CelMap For(CaseRecord record) => CelMap.View(new CaseView(record));

    private sealed class CaseView(CaseRecord record) : ReadOnlyView
    {
        private CelMap? _properties;

        public override IEnumerable<object> Keys => FieldNames;

        public override bool TryGetValue(object key, out object value)
        {
            value = key switch
            {
                "id" => record.Id,
                "type" => record.Type,
                "name" => record.Name,
                "owner_id" => record.OwnerId,
                "opened" => record.DateOpened?.Raw ?? "",
                "modified" => record.LastModified?.Raw ?? "",
                "closed" => CelValues.Bool(record.Closed),
                "deleted" => CelValues.Bool(record.Deleted),
                "properties" => _properties ??= CelMap.View(new PresentProperties(record.Properties)),
                _ => null!,
            };
            return value is not null;
        }
    }

    private sealed class PresentProperties(IReadOnlyDictionary<string, string> properties) : ReadOnlyView
    {
        public override IEnumerable<object> Keys => properties.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (object)p.Key);

        public override bool TryGetValue(object key, out object value)
        {
            if (key is string name && properties.TryGetValue(name, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                value = text;
                return true;
            }
            value = null!;
            return false;
        }
    }

    /// <summary>The members of a read-only dictionary that follow from <see cref="Keys"/> and <see cref="TryGetValue"/>.</summary>
    private abstract class ReadOnlyView : IReadOnlyDictionary<object, object>
    {
        public abstract IEnumerable<object> Keys { get; }

        public abstract bool TryGetValue(object key, out object value);

        public object this[object key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

        public IEnumerable<object> Values => Keys.Select(k => this[k]);

        public int Count => Keys.Count();

        public bool ContainsKey(object key) => TryGetValue(key, out _);

        public IEnumerator<KeyValuePair<object, object>> GetEnumerator() =>
            Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
