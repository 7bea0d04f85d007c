"""Words of the glossary's languages: inflected forms, for search and for finding mentions."""
