"""Language tables for the perturbation renderer (en/fr/de/es)."""
from __future__ import annotations

HEADINGS = {
    "en": {
        "summary": ["Profile", "Summary", "About Me", "Professional Summary", "Personal Statement"],
        "work": ["Experience", "Work History", "Professional Experience", "Employment", "Work Experience",
                 "Career History", "Employment History"],
        "education": ["Education", "Academic Background", "Education & Training", "Qualifications"],
        "volunteer": ["Volunteering", "Volunteer Experience", "Community Involvement"],
        "projects": ["Projects", "Selected Projects", "Key Projects"],
        "skills": ["Skills", "Technical Skills", "Core Competencies", "Expertise", "Key Skills"],
        "languages": ["Languages", "Language Skills"],
        "certificates": ["Certifications", "Certificates", "Licenses & Certifications"],
        "awards": ["Awards", "Honours & Awards", "Achievements"],
        "publications": ["Publications", "Selected Publications"],
        "interests": ["Interests", "Hobbies", "Interests & Activities"],
        "references": ["References", "Referees"],
        "contact": ["Contact", "Details", "Contact Details"],
    },
    "fr": {
        "summary": ["Profil", "À propos", "Résumé", "Profil professionnel"],
        "work": ["Expérience professionnelle", "Expériences pro", "Parcours professionnel", "Expériences",
                 "Expériences professionnelles"],
        "education": ["Formation", "Diplômes", "Études", "Formation et diplômes"],
        "volunteer": ["Bénévolat", "Engagement associatif", "Activités bénévoles"],
        "projects": ["Projets", "Réalisations", "Projets personnels"],
        "skills": ["Compétences", "Compétences techniques", "Savoir-faire"],
        "languages": ["Langues", "Langues étrangères"],
        "certificates": ["Certifications", "Certificats"],
        "awards": ["Distinctions", "Prix et distinctions"],
        "publications": ["Publications"],
        "interests": ["Centres d'intérêt", "Loisirs", "Intérêts"],
        "references": ["Références"],
        "contact": ["Contact", "Coordonnées"],
    },
    "de": {
        "summary": ["Profil", "Über mich", "Kurzprofil", "Zusammenfassung"],
        "work": ["Berufserfahrung", "Beruflicher Werdegang", "Praxiserfahrung", "Berufliche Stationen",
                 "Werdegang"],
        "education": ["Ausbildung", "Bildungsweg", "Studium", "Aus- und Weiterbildung"],
        "volunteer": ["Ehrenamt", "Ehrenamtliches Engagement"],
        "projects": ["Projekte", "Ausgewählte Projekte"],
        "skills": ["Kenntnisse", "Fähigkeiten", "Kompetenzen", "Fachkenntnisse"],
        "languages": ["Sprachen", "Sprachkenntnisse"],
        "certificates": ["Zertifikate", "Zertifizierungen", "Weiterbildungen"],
        "awards": ["Auszeichnungen", "Preise"],
        "publications": ["Publikationen", "Veröffentlichungen"],
        "interests": ["Interessen", "Hobbys", "Freizeit"],
        "references": ["Referenzen"],
        "contact": ["Kontakt", "Persönliche Daten", "Kontaktdaten"],
    },
    "es": {
        "summary": ["Perfil", "Sobre mí", "Perfil profesional", "Resumen"],
        "work": ["Experiencia laboral", "Experiencia profesional", "Trayectoria profesional", "Experiencia"],
        "education": ["Formación", "Educación", "Formación académica", "Estudios"],
        "volunteer": ["Voluntariado", "Experiencia de voluntariado"],
        "projects": ["Proyectos", "Proyectos destacados"],
        "skills": ["Habilidades", "Competencias", "Conocimientos", "Aptitudes"],
        "languages": ["Idiomas"],
        "certificates": ["Certificaciones", "Certificados"],
        "awards": ["Premios", "Reconocimientos"],
        "publications": ["Publicaciones"],
        "interests": ["Intereses", "Aficiones"],
        "references": ["Referencias"],
        "contact": ["Contacto", "Datos de contacto", "Datos personales"],
    },
}

MONTHS = {
    "en": (["January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"],
           ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
    "fr": (["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"],
           ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]),
    "de": (["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember"],
           ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."]),
    "es": (["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
            "octubre", "noviembre", "diciembre"],
           ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."]),
}

PRESENT = {
    "en": ["Present", "present", "Current", "Now", "Today"],
    "fr": ["aujourd'hui", "Aujourd'hui", "présent", "à ce jour", "Présent"],
    "de": ["heute", "Heute", "dato", "jetzt"],
    "es": ["actualidad", "Actualidad", "presente", "Presente", "hoy"],
}
SINCE = {"en": ["Since", "since"], "fr": ["Depuis", "depuis"], "de": ["Seit", "seit"], "es": ["Desde", "desde"]}
AT = {"en": ["at", "@"], "fr": ["chez"], "de": ["bei"], "es": ["en"]}
CVWORD = {
    "en": ["Resume", "Résumé", "CV", "Curriculum Vitae"],
    "fr": ["CV", "Curriculum Vitae"],
    "de": ["Lebenslauf", "CV", "Curriculum Vitae"],
    "es": ["Currículum", "CV", "Curriculum Vitae", "Hoja de vida"],
}
GRADE = {"en": "Grade", "fr": "Mention", "de": "Note", "es": "Nota"}
COURSES = {"en": "Courses", "fr": "Cours", "de": "Schwerpunkte", "es": "Asignaturas"}
ISSUED = {"en": "issued by", "fr": "délivré par", "de": "ausgestellt von", "es": "emitido por"}

# combining mark -> spacing accent glyph, as pdfTeX text layers show them
SPACING_ACCENTS = {
    "\u0301": "\u00b4",  # acute
    "\u0300": "`",       # grave
    "\u0308": "\u00a8",  # diaeresis
    "\u0302": "\u02c6",  # circumflex
    "\u0303": "\u02dc",  # tilde
    "\u0327": "\u00b8",  # cedilla
    "\u030a": "\u02da",  # ring
    "\u030c": "\u02c7",  # caron
}
