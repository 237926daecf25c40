/**
 * The text the search index holds for a message (migrations 13 and 19): its text parts,
 * space-separated, from its `parts` JSON (`parts` is an SQL expression). A recursive CTE over the
 * array rather than `json_each`: FTS5 reads an external content view with its schema prefixed, and
 * `main.json_each` does not resolve there. Migrations that ran are history: a different text for the
 * index is a new migration with its own expression, not a change here.
 */
export const textOf = (parts: string): string => `(
  WITH RECURSIVE part(n) AS (
    SELECT 0 WHERE json_array_length(${parts}) > 0
    UNION ALL SELECT n + 1 FROM part WHERE n + 1 < json_array_length(${parts})
  )
  SELECT COALESCE(group_concat(json_extract(${parts}, '$[' || n || '].text'), ' '), '') FROM part
  WHERE json_extract(${parts}, '$[' || n || '].type') = 'text'
)`;
