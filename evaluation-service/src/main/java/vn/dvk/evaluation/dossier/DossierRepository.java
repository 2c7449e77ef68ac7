package vn.dvk.evaluation.dossier;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface DossierRepository extends MongoRepository<Dossier, String> {

    Page<Dossier> findByUnitCode(String unitCode, Pageable pageable);
}
