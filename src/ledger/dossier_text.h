/* Fixed texts shipped inside every dossier zip: the Chinese README and the bash + openssl
 * verification script. Kept apart from dossier.c so the logic stays readable. */
#ifndef ZF_DOSSIER_TEXT_H
#define ZF_DOSSIER_TEXT_H

extern const char dossier_readme[];
extern const char dossier_verify_sh[];

#endif
